package io.broadcastserver.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.broadcastserver.config.ServerConfig;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * Applies the logging part of the configuration at start-up: the level of our own loggers and, when
 * {@code log.file} is set, a file appender that rolls daily and by size and keeps a bounded history.
 * Done in code rather than logback.xml so the same variables as every other setting drive it.
 */
public final class LogSetup {

  private static final String OWN_LOGGER = "io.broadcastserver";
  private static final String FILE_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{20} %msg%n";

  private LogSetup() {
  }

  public static void apply(ServerConfig config) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(OWN_LOGGER).setLevel(Level.toLevel(config.logLevel(), Level.INFO));
    if (config.logAsJson()) {
      useJsonOnConsole(context);
    }
    if (!config.logFile().isEmpty()) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(fileAppender(context, config));
    }
  }

  /** Swaps the console appender's encoder from logback.xml for JSON lines. */
  private static void useJsonOnConsole(LoggerContext context) {
    Appender<ILoggingEvent> console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
    if (console instanceof ConsoleAppender<ILoggingEvent> consoleAppender) {
      consoleAppender.stop();
      consoleAppender.setEncoder(jsonEncoder(context));
      consoleAppender.start();
    }
  }

  /**
   * One JSON object per line (timestamp, level, logger, thread, message): the message keeps the emoji
   * marker and the [key: value] fields, so text and JSON logs carry the same information.
   */
  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
    LogstashEncoder encoder = new LogstashEncoder();
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  private static Encoder<ILoggingEvent> patternEncoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(FILE_PATTERN);
    encoder.start();
    return encoder;
  }

  private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, ServerConfig config) {
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("FILE");
    appender.setFile(config.logFile());

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(config.logFile() + ".%d{yyyy-MM-dd}.%i.gz");
    policy.setMaxFileSize(FileSize.valueOf(config.logFileMaxSizeMb() + "MB"));
    policy.setMaxHistory(config.logFileMaxDays());
    policy.setTotalSizeCap(FileSize.valueOf(config.logFileTotalCapMb() + "MB"));
    policy.start();

    Encoder<ILoggingEvent> encoder = config.logAsJson() ? jsonEncoder(context) : patternEncoder(context);

    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder);
    appender.start();
    return appender;
  }
}
