// Every visible string of the test page in English and Russian (the seed's users speak both).
'use strict';

const MESSAGES = {
  en: {
    title: 'Broadcast Server',
    'status.connecting': 'Connecting…',
    'status.open': 'Connected',
    'status.closed': 'Disconnected',
    'status.retry': 'Disconnected — reconnecting in {s} s',
    'send.title': 'Send',
    'send.hint': 'Open this page in several tabs or browsers and press Test: every tab shows the message.',
    'send.test': 'Test',
    'send.placeholder': 'Type a message…',
    'send.button': 'Send',
    'send.testText': 'Test from {id} at {time}',
    'stats.title': 'Server',
    'stats.clientId': 'Your id',
    'stats.connections': 'Connections',
    'stats.memory': 'Memory',
    'stats.uptime': 'Uptime',
    'stats.memoryValue': 'heap {used} / {max} MiB · RSS {rss} MiB',
    'log.title': 'Messages',
    'log.clear': 'Clear',
    'type.welcome': 'welcome',
    'type.echo': 'echo',
    'type.broadcast': 'broadcast',
    'type.client_connected': 'joined',
    'type.client_disconnected': 'left',
    'type.heartbeat': 'heartbeat',
    'type.shutdown': 'shutdown',
    'type.presence': 'presence',
    'type.pong': 'pong',
    'type.error': 'error',
    'type.local': 'page',
    'text.welcome': 'Welcome! You are {id}; {n} connected.',
    'text.echo': 'You: {text}',
    'text.broadcast': '{from}: {text}',
    'text.joined': '{id} joined ({n} connected)',
    'text.left': '{id} left ({n} connected)',
    'text.heartbeat': 'Heartbeat: {n} connected, up {uptime}',
    'text.presence': '{joined} joined, {left} left ({n} connected)',
    'text.pong': 'pong',
    'text.error': '{code}: {message}',
    'text.notConnected': 'Not connected yet; the message was not sent.',
    'unit.d': 'd', 'unit.h': 'h', 'unit.m': 'min', 'unit.s': 's',
  },
  ru: {
    title: 'Broadcast Server',
    'status.connecting': 'Подключение…',
    'status.open': 'Подключено',
    'status.closed': 'Отключено',
    'status.retry': 'Отключено — переподключение через {s} с',
    'send.title': 'Отправка',
    'send.hint': 'Откройте страницу в нескольких вкладках или браузерах и нажмите «Тест»: сообщение появится во всех.',
    'send.test': 'Тест',
    'send.placeholder': 'Введите сообщение…',
    'send.button': 'Отправить',
    'send.testText': 'Тест от {id} в {time}',
    'stats.title': 'Сервер',
    'stats.clientId': 'Ваш id',
    'stats.connections': 'Подключения',
    'stats.memory': 'Память',
    'stats.uptime': 'Время работы',
    'stats.memoryValue': 'куча {used} / {max} МиБ · RSS {rss} МиБ',
    'log.title': 'Сообщения',
    'log.clear': 'Очистить',
    'type.welcome': 'привет',
    'type.echo': 'эхо',
    'type.broadcast': 'рассылка',
    'type.client_connected': 'вошёл',
    'type.client_disconnected': 'вышел',
    'type.heartbeat': 'пульс',
    'type.shutdown': 'остановка',
    'type.presence': 'присутствие',
    'type.pong': 'понг',
    'type.error': 'ошибка',
    'type.local': 'страница',
    'text.welcome': 'Добро пожаловать! Ваш id {id}; подключено: {n}.',
    'text.echo': 'Вы: {text}',
    'text.broadcast': '{from}: {text}',
    'text.joined': '{id} подключился (всего: {n})',
    'text.left': '{id} отключился (всего: {n})',
    'text.heartbeat': 'Пульс: подключено {n}, работает {uptime}',
    'text.presence': 'вошли: {joined}, вышли: {left} (всего: {n})',
    'text.pong': 'понг',
    'text.error': '{code}: {message}',
    'text.notConnected': 'Нет подключения; сообщение не отправлено.',
    'unit.d': 'д', 'unit.h': 'ч', 'unit.m': 'мин', 'unit.s': 'с',
  },
};

/** The first of the browser's languages that the page speaks; English when none is. */
function preferredLanguage() {
  const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (const lang of languages) {
    const base = String(lang || '').toLowerCase().slice(0, 2);
    if (base in MESSAGES) {
      return base;
    }
  }
  return 'en';
}

/** Looks a key up in the current language and fills {placeholders}. */
function translate(lang, key, values = {}) {
  const template = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}
