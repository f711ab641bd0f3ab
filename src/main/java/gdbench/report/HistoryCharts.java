package gdbench.report;

import gdbench.core.Stage;
import gdbench.runfolder.CellId;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The history's charts: per family one PNG of panels (one per workload and measuring mode), each
 * an XChart with run numbers along x and time per operation on a log y axis. A series' interval is
 * drawn as a vertical bar per run, and the levels between its steps as dashed lines. XChart draws
 * one chart per image, so the panels are laid out on one canvas here. Nothing touches the file system.
 */
public final class HistoryCharts {
  private static final int PANEL_WIDTH = 900;
  private static final int PANEL_HEIGHT = 520;
  private static final int COLUMNS = 2;

  private HistoryCharts() {}

  public static String fileName(String family) {
    return "history-" + family + ".png";
  }

  /**
   * Family → (file name, PNG bytes).
   *
   * @param backendColours backend → {@code #rrggbb}, as each backend declares it; others get a colour from their name
   */
  public static Map<String, Map.Entry<String, byte[]>> draw(History.Model m, Map<String, String> backendColours) {
    System.setProperty("java.awt.headless", "true");
    Map<String, Map.Entry<String, byte[]>> out = new LinkedHashMap<>();
    for (String family : m.families().keySet()) {
      Map<String, List<History.Series>> panels = new LinkedHashMap<>();
      for (History.Series s : m.of(family)) {
        panels.computeIfAbsent(s.panel(), p -> new ArrayList<>()).add(s);
      }
      List<BufferedImage> images = new ArrayList<>();
      for (Map.Entry<String, List<History.Series>> p : panels.entrySet()) {
        images.add(BitmapEncoder.getBufferedImage(panel(m, family, p.getKey(), p.getValue(), backendColours)));
      }
      out.put(family, Map.entry(fileName(family), png(grid(images))));
    }
    return out;
  }

  private static XYChart panel(History.Model m, String family, String panel, List<History.Series> series, Map<String, String> colours) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title(family + ": " + panel + " (" + m.machine() + ")").xAxisTitle("run (commit)")
        .yAxisTitle(family.equals("step") ? "seconds per step" : "seconds per operation").build();
    var st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setLegendBorderColor(Color.WHITE);
    st.setLegendFont(st.getLegendFont().deriveFont(10f));
    st.setChartTitleBoxVisible(false);
    st.setPlotGridLinesColor(new Color(0xeeeeee));
    st.setYAxisLogarithmic(true);
    if (m.runs().size() > 1) {
      // the axis ends on the first and last run, where the tick labels are (XChart drops them otherwise)
      st.setXAxisMin(1.0);
      st.setXAxisMax((double) m.runs().size());
    }
    st.setMarkerSize(6);
    chart.setCustomXAxisTickLabelsFormatter(x -> {
      long n = Math.round(x);
      return Math.abs(x - n) > 1e-9 || n < 1 || n > m.runs().size() ? "" : n + " " + m.runs().get((int) n - 1).shortCommit();
    });
    // XChart's custom tick labels are placed on the x values the data has, and loop or misplace when those
    // are unevenly spaced: an invisible series puts one at every run.
    double logSum = 0;
    int count = 0;
    for (History.Series s : series) {
      for (History.Point p : s.points()) {
        logSum += Math.log(p.seconds());
        count++;
      }
    }
    double[] every = new double[m.runs().size()];
    double[] middle = new double[every.length];
    for (int i = 0; i < every.length; i++) {
      every[i] = i + 1;
      middle[i] = Math.exp(logSum / Math.max(count, 1));
    }
    XYSeries runs = chart.addSeries(" runs", every, middle);
    runs.setShowInLegend(false);
    runs.setMarker(SeriesMarkers.NONE);
    runs.setLineColor(new Color(0, 0, 0, 0));
    int hidden = 0;
    for (History.Series s : series) {
      CellId cell = CellId.parse(s.cell());
      Color colour = colours.containsKey(cell.backend()) ? Color.decode(colours.get(cell.backend()))
          : Color.getHSBColor((cell.backend().hashCode() & 0xffff) / 65536f, 0.65f, 0.75f);
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (History.Point p : s.points()) {
        x.add((double) p.run());
        y.add(p.seconds());
      }
      XYSeries line = chart.addSeries(s.label(), x, y);
      line.setLineColor(colour);
      line.setMarkerColor(colour);
      line.setMarker(cell.is(Stage.AUTOGRAD) ? SeriesMarkers.DIAMOND
          : cell.is(Stage.LOSS_OPTIMIZER) ? SeriesMarkers.TRIANGLE_UP
          : cell.is(Stage.FULL_LIBRARY) ? SeriesMarkers.CROSS
          : cell.isIdiomatic() ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
      line.setLineStyle(cell.isIdiomatic() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
          : new BasicStroke(1.5f));
      for (History.Point p : s.points()) {
        if (Double.isFinite(p.low()) && Double.isFinite(p.high()) && p.low() > 0 && p.high() > p.low()) {
          XYSeries bar = chart.addSeries(" " + (hidden++), new double[] {p.run(), p.run()}, new double[] {p.low(), p.high()});
          bar.setShowInLegend(false);
          bar.setMarker(SeriesMarkers.NONE);
          bar.setLineColor(colour);
          bar.setLineStyle(new BasicStroke(1f));
        }
      }
      int from = 0;
      List<History.Step> steps = s.steps();
      for (int j = 0; j <= steps.size() && !steps.isEmpty(); j++) {
        int to = j < steps.size() ? indexOf(s, steps.get(j).run()) : s.points().size();
        double level = j < steps.size() ? steps.get(j).before() : steps.get(steps.size() - 1).after();
        XYSeries fit = chart.addSeries(" " + (hidden++), new double[] {s.points().get(from).run(), s.points().get(to - 1).run()},
            new double[] {level, level});
        fit.setShowInLegend(false);
        fit.setMarker(SeriesMarkers.NONE);
        fit.setLineColor(colour);
        fit.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
        from = to;
      }
    }
    return chart;
  }

  private static int indexOf(History.Series s, int run) {
    for (int i = 0; i < s.points().size(); i++) {
      if (s.points().get(i).run() == run) {
        return i;
      }
    }
    throw new IllegalStateException("run " + run + " not in " + s.label());
  }

  private static BufferedImage grid(List<BufferedImage> panels) {
    int columns = Math.min(COLUMNS, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage canvas = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(panels.get(i), (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
    }
    g.dispose();
    return canvas;
  }

  private static byte[] png(BufferedImage image) {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
      ImageIO.write(image, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
