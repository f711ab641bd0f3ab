package gdbench.report;

import gdbench.core.Stage;
import gdbench.runfolder.CellId;
import gdbench.runfolder.ConvergenceData;
import gdbench.runfolder.RunData;
import gdbench.runfolder.TutorialReferenceData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, drawn with XChart as PNG bytes: nothing here touches the file system. */
public final class Charts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 600;

  private Charts() {}

  /** File name → PNG bytes, each backend in the default palette. */
  public static Map<String, byte[]> draw(RunResults results) {
    return draw(results, Map.of());
  }

  /**
   * File name → PNG bytes; {@code backendColours} maps backend names to {@code #rrggbb} (what each
   * backend declares); the tutorial's Python rows and unknown backends get a stable colour.
   */
  public static Map<String, byte[]> draw(RunResults results, Map<String, String> backendColours) {
    Map<String, Color> family = new LinkedHashMap<>(PYTHON);
    backendColours.forEach((backend, hex) -> family.put(backend, Color.decode(hex)));
    palette.set(family);
    try {
      return drawAll(results);
    } finally {
      palette.remove();
    }
  }

  private static Map<String, byte[]> drawAll(RunResults results) {
    System.setProperty("java.awt.headless", "true");
    Map<String, byte[]> charts = new LinkedHashMap<>();
    charts.put("throughput.png", png(throughput(results)));
    abstractionTax(results).forEach((name, chart) -> charts.put(name, png(chart)));
    SizeSweep sweep = SizeSweep.of(results);
    if (sweep != null) {
      charts.put("size-sweep.png", png(sizeSweep(results, sweep)));
    }
    SizeSweep features = SizeSweep.features(results);
    if (features != null) {
      charts.put("feature-sweep.png", png(featureSweep(results, features)));
    }
    ConvergenceData convergence = results.run().convergence();
    if (convergence != null) {
      for (ConvergenceData.ProblemInfo p : convergence.problems()) {
        charts.put("loss-" + p.name() + ".png", png(loss(convergence, p)));
      }
    }
    return charts;
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The tutorial's Python libraries, which are no backends. */
  private static final Map<String, Color> PYTHON = Map.of("numpy", new Color(0x555555), "torch", new Color(0xff7f0e));

  /** One colour per library, so that a backend's cells read as a family (set for one {@link #draw} call). */
  private static final ThreadLocal<Map<String, Color>> palette = ThreadLocal.withInitial(() -> PYTHON);

  /** The library's colour, or one derived from its name, the same in every chart and run. */
  private static Color colourOf(String backend) {
    Color c = palette.get().get(backend);
    return c != null ? c : Color.getHSBColor((backend.hashCode() & 0xffff) / 65536f, 0.65f, 0.75f);
  }

  /**
   * Colour by library, marker by stage, dashed for the idiomatic variant and the tutorial's Python.
   * The tutorial's rows come as {@code library/stage}, so they are styled like cells.
   */
  private static void styleCell(XYSeries s, CellId cell, boolean python) {
    s.setLineColor(colourOf(cell.backend()));
    s.setMarkerColor(colourOf(cell.backend()));
    s.setMarker(cell.is(Stage.AUTOGRAD) ? SeriesMarkers.DIAMOND
        : cell.is(Stage.LOSS_OPTIMIZER) ? SeriesMarkers.TRIANGLE_UP
        : cell.is(Stage.FULL_LIBRARY) ? SeriesMarkers.CROSS
        : cell.isIdiomatic() ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
    boolean dashed = python || cell.isIdiomatic();
    s.setLineStyle(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
        : new BasicStroke(python ? 1.5f : 2f));
  }

  private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendBorderColor(Color.WHITE);
    styler.setChartTitleBoxVisible(false);
    styler.setPlotGridLinesColor(new Color(0xeeeeee));
  }

  /** Samples per second against N on the one-feature workloads, log–log, one line per cell. */
  private static XYChart throughput(RunResults results) {
    RunData run = results.run();
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Throughput against N (" + run.machine() + ", " + run.device() + ", one feature)")
        .xAxisTitle("N (samples per step)").yAxisTitle("samples per second").build();
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setAxisTickLabelsColor(Color.DARK_GRAY);
    Map<String, Integer> sizes = results.sizes();
    List<String> oneFeature = results.oneFeature(sizes.keySet());
    for (CellId cell : results.cells()) {
      Map<String, Double> rates = new LinkedHashMap<>();
      for (String w : oneFeature) {
        double rate = results.stepsPerSecond(cell, w); // the figure the tables show: JMH's score, or the mean over fork means
        if (Double.isFinite(rate)) {
          rates.put(w, rate);
        }
      }
      addLine(chart, cell.id(), cell, oneFeature, sizes, rates, false);
    }
    Map<String, Double> floorRates = new LinkedHashMap<>();
    for (String w : oneFeature) {
      Figure f = results.floorFigure(w);
      if (f != null) {
        floorRates.put(w, 1 / f.seconds());
      }
    }
    if (!floorRates.isEmpty()) { // runs with the floor benchmark: the least work of any step, as a grey line
      XYSeries floor = addLine(chart, "floor (X and y read once)", CellId.parse("floor"), oneFeature, sizes, floorRates, false);
      if (floor != null) {
        floor.setLineColor(Color.GRAY);
        floor.setMarkerColor(Color.GRAY);
        floor.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
      }
    }
    chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(11f));
    TutorialReferenceData ref = run.reference();
    if (ref != null && ref.complete()) {
      Map<String, Map<String, Double>> refRates = new LinkedHashMap<>();
      for (TutorialReferenceData.Row r : ref.rows()) {
        refRates.computeIfAbsent(r.id(), k -> new LinkedHashMap<>()).put(r.workload(), r.stepsPerSecond());
      }
      // Schema 2 names a variant: the tutorial's code is styled as the idiomatic cells (square markers).
      refRates.forEach((id, rates) -> {
        CellId c = CellId.parse(id);
        CellId style = TutorialReferenceData.TUTORIAL.equals(c.variant()) ? new CellId(c.backend(), c.stage(), CellId.IDIOMATIC) : c;
        addLine(chart, (c.variant() == null ? "tutorial " : "python ") + id, style, oneFeature, sizes, rates, true);
      });
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no results", new double[] {1}, new double[] {1});
    }
    return chart;
  }

  /** Values of X per second against D at a fixed N·D, log axes. */
  private static XYChart featureSweep(RunResults results, SizeSweep sweep) {
    RunData run = results.run();
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(String.format(java.util.Locale.ROOT, "Feature sweep (%s, %s, N·D = %,d)", run.machine(), run.device(), sweep.valuesPerStep(0)))
        .xAxisTitle("D (features per sample)").yAxisTitle("values of X per second").build();
    return sweepSeries(chart, sweep);
  }

  /** One series a cell: the sweep's throughput (values read per second) at each point, log axes. */
  private static XYChart sweepSeries(XYChart chart, SizeSweep sweep) {
    style(chart.getStyler());
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendFont(chart.getStyler().getLegendFont().deriveFont(11f));
    for (String id : sweep.cells()) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < sweep.grid().size(); i++) {
        SizeSweep.Rate r = sweep.point(id, i);
        if (r != null && r.mean() > 0) {
          x.add(r.n());
          y.add(r.mean() * sweep.valuesPerStep(i));
        }
      }
      if (!x.isEmpty()) {
        styleCell(chart.addSeries(id, x, y), CellId.parse(id), false);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no results", new double[] {1}, new double[] {1});
    }
    return chart;
  }

  /** Samples per second against N over the sweep, log axes, a vertical line where x and y fill each cache level. */
  private static XYChart sizeSweep(RunResults results, SizeSweep sweep) {
    RunData run = results.run();
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Size sweep (" + run.machine() + ", " + run.device() + ", one feature)")
        .xAxisTitle("N (samples per step)").yAxisTitle("samples per second").build();
    sweepSeries(chart, sweep);
    double lowest = Double.MAX_VALUE;
    for (String id : sweep.cells()) {
      for (int i = 0; i < sweep.grid().size(); i++) {
        SizeSweep.Rate r = sweep.point(id, i);
        if (r != null && r.mean() > 0) {
          lowest = Math.min(lowest, r.mean() * sweep.valuesPerStep(i));
        }
      }
    }
    double labelY = lowest;
    if (results.env().hardware() != null && lowest < Double.MAX_VALUE) {
      CacheFit.levels(results.env().hardware().caches()).forEach((level, bytes) -> {
        double n = bytes / 8.0;
        if (n >= sweep.smallest() && n <= sweep.largest()) {
          chart.addAnnotation(new AnnotationLine(n, true, false));
          chart.addAnnotation(new AnnotationText(level, n, labelY, false));
        }
      });
    }
    return chart;
  }

  private static XYSeries addLine(XYChart chart, String name, CellId cell, List<String> workloads, Map<String, Integer> sizes,
      Map<String, Double> stepsPerSecond, boolean python) {
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (String w : workloads) {
      Double rate = stepsPerSecond.get(w);
      if (rate != null && rate > 0) {
        x.add((double) sizes.get(w));
        y.add(rate * sizes.get(w));
      }
    }
    if (x.isEmpty()) {
      return null;
    }
    XYSeries s = chart.addSeries(name, x, y);
    styleCell(s, cell, python);
    return s;
  }

  /**
   * For each backend with more than one cell: every other cell's time per step relative to its
   * manual (tuned) stage, bars per workload. One chart per backend, on a linear scale (XChart draws
   * bars on linear axes only), so that each backend's bars keep their own readable range.
   */
  static Map<String, CategoryChart> abstractionTax(RunResults results) {
    List<String> workloads = new ArrayList<>(results.sizes().keySet());
    Map<String, CategoryChart> charts = new LinkedHashMap<>();
    for (Map.Entry<String, List<CellId>> e : results.taxGroups().entrySet()) {
      CellId base = e.getValue().get(0);
      CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
          .title("Abstraction tax, " + e.getKey() + ": time per step relative to " + base)
          .xAxisTitle("workload").yAxisTitle("× " + base).build();
      style(chart.getStyler());
      for (CellId cell : e.getValue()) {
        if (cell.equals(base)) {
          continue;
        }
        List<String> categories = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (String w : workloads) {
          double a = results.secondsPerStep(cell, w);
          double b = results.secondsPerStep(base, w);
          categories.add(w);
          ratios.add(!Double.isNaN(a) && !Double.isNaN(b) ? a / b : 0.0); // 0: no result (listed as missing in the report)
        }
        chart.addSeries(cell.stageAndVariant(), categories, ratios);
      }
      charts.put(taxChartName(e.getKey()), chart);
    }
    return charts;
  }

  static String taxChartName(String backend) {
    return "abstraction-tax-" + backend + ".png";
  }

  /** Loss per epoch of every cell on one problem, log scale; zero losses (exact fits) are left out. */
  private static XYChart loss(ConvergenceData data, ConvergenceData.ProblemInfo p) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title("Loss per epoch: " + p.name() + " (cells that agree overlap)").xAxisTitle("epoch").yAxisTitle("loss before the epoch's update").build();
    style(chart.getStyler());
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setMarkerSize(4);
    for (ConvergenceData.Run r : data.runs()) {
      if (!r.problem().equals(p.name()) || r.losses().length == 0) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (int i = 0; i < r.losses().length; i++) {
        if (r.losses()[i] > 0) {
          x.add(i + 1.0);
          y.add((double) r.losses()[i]);
        }
      }
      if (!x.isEmpty()) {
        XYSeries s = chart.addSeries(r.cell(), x, y);
        styleCell(s, CellId.parse(r.cell()), false);
        s.setMarker(SeriesMarkers.NONE);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.getStyler().setYAxisLogarithmic(false);
      chart.addSeries("no finite loss", new double[] {1}, new double[] {0});
    } else if (p.optimumLoss() > 0) {
      XYSeries optimum = chart.addSeries("closed-form optimum", new double[] {1, p.epochs()}, new double[] {p.optimumLoss(), p.optimumLoss()});
      optimum.setMarker(SeriesMarkers.NONE);
      optimum.setLineColor(Color.GRAY);
      optimum.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    }
    return chart;
  }
}
