package io.broadcastserver.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws latency against throughput as a self-contained HTML page with inline SVG: one chart per
 * scenario, one line per server, p99 solid and p50 dashed. No script and no CDN, so it opens anywhere.
 */
final class ChartWriter {

  private static final String[] COLOURS = {"#2f6fed", "#d64545", "#1f9d55", "#c77700", "#7c5cff", "#137a8c"};
  private static final int WIDTH = 760;
  private static final int HEIGHT = 380;
  private static final int MARGIN = 60;

  private ChartWriter() {
  }

  static String html(List<StepResult> steps) {
    Map<String, List<StepResult>> byScenario = new LinkedHashMap<>();
    for (StepResult step : steps) {
      byScenario.computeIfAbsent(step.scenario() + " (" + step.clients() + " clients)", k -> new ArrayList<>()).add(step);
    }
    StringBuilder page = new StringBuilder("""
      <!doctype html><html><head><meta charset="utf-8"><title>Broadcast benchmark</title>
      <style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}svg{background:#fff;border:1px solid #e3e7ee}
      text{font-size:12px;fill:#444}</style></head><body><h1>Latency against throughput</h1>
      <p>Each point is one rate step. Solid: p99, dashed: p50. Lower and further right is better.</p>
      """);
    byScenario.forEach((title, points) -> page.append("<h2>").append(escape(title)).append("</h2>").append(svg(points)));
    return page.append("</body></html>\n").toString();
  }

  private static String svg(List<StepResult> points) {
    double maxX = points.stream().mapToDouble(StepResult::deliveriesPerSecond).max().orElse(1) * 1.05;
    double maxY = Math.max(1, points.stream().mapToDouble(StepResult::p99Ms).max().orElse(1) * 1.1);
    StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
      "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", WIDTH, HEIGHT));
    axes(svg, maxX, maxY);
    Map<String, List<StepResult>> byLabel = new LinkedHashMap<>();
    points.forEach(p -> byLabel.computeIfAbsent(p.label(), k -> new ArrayList<>()).add(p));
    int colour = 0;
    for (Map.Entry<String, List<StepResult>> series : byLabel.entrySet()) {
      String stroke = COLOURS[colour % COLOURS.length];
      line(svg, series.getValue(), maxX, maxY, stroke, true);
      line(svg, series.getValue(), maxX, maxY, stroke, false);
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" style=\"fill:%s\">%s</text>",
        WIDTH - 200, 20 + 16 * colour, stroke, escape(series.getKey())));
      colour++;
    }
    return svg.append("</svg>").toString();
  }

  private static void axes(StringBuilder svg, double maxX, double maxY) {
    int bottom = HEIGHT - MARGIN;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
      MARGIN, bottom, WIDTH - 20, bottom));
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"20\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>",
      MARGIN, MARGIN, bottom));
    for (int i = 0; i <= 4; i++) {
      double fx = i / 4.0;
      svg.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\">%s</text>",
        MARGIN + fx * (WIDTH - 20 - MARGIN) - 15, bottom + 18, human(maxX * fx)));
      svg.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%.0f\">%.1f ms</text>",
        bottom - fx * (bottom - 20) + 4, maxY * fx));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">deliveries per second</text>",
      WIDTH / 2 - 60, HEIGHT - 15));
  }

  private static void line(StringBuilder svg, List<StepResult> series, double maxX, double maxY, String stroke,
                           boolean p99) {
    StringBuilder path = new StringBuilder();
    for (StepResult point : series) {
      double x = MARGIN + point.deliveriesPerSecond() / maxX * (WIDTH - 20 - MARGIN);
      double y = (HEIGHT - MARGIN) - (p99 ? point.p99Ms() : point.p50Ms()) / maxY * (HEIGHT - MARGIN - 20);
      path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
      svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y, stroke));
    }
    svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>", path,
      stroke, p99 ? "" : " stroke-dasharray=\"5 4\""));
  }

  private static String human(double value) {
    return value >= 1e6 ? String.format(Locale.ROOT, "%.1fM", value / 1e6)
      : value >= 1e3 ? String.format(Locale.ROOT, "%.0fk", value / 1e3) : String.format(Locale.ROOT, "%.0f", value);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
