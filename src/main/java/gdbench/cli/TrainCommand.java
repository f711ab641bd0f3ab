package gdbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.ClasspathNeed;
import gdbench.core.OwnClasspath;
import gdbench.core.Cell;
import gdbench.core.StageSupport;
import gdbench.core.Device;
import gdbench.core.EpochRecord;
import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Optimum;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.Stage;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench train}: one backend, one stage, the tutorial's trace. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train one backend and stage and print the trace. The defaults reproduce the tutorial.")
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--backend", defaultValue = "plain", description = "Backend (see `gdbench backends`). Default: ${DEFAULT-VALUE}.")
  String backend;

  @Option(names = "--stage", defaultValue = "manual", description = "manual, autograd, loss-optimizer or full-library. Default: ${DEFAULT-VALUE}.")
  String stage;

  @Option(names = "--variant", description = "tuned or idiomatic, where the backend has both. Default: its first (tuned).")
  String variant;

  @Option(names = "--gradient", defaultValue = "mean", description = "mean (correct) or dot (the tutorial's first attempt, N times larger). Default: ${DEFAULT-VALUE}.")
  String gradient;

  @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate. Default: ${DEFAULT-VALUE}.")
  float lr;

  @Option(names = "--epochs", defaultValue = "10", description = "Full-batch steps. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--data", defaultValue = "seed", description = "seed, synthetic:n=N,d=D,seed=S[,noise=E,bias=B,w=W1:W2..] or FILE.csv. Default: ${DEFAULT-VALUE}.")
  String data;

  @Option(names = "--bias", negatable = true, description = "Give the model a bias term. Default: off, except for full-library (a Linear layer has one).")
  Boolean bias;

  @Option(names = "--init", defaultValue = "zeros", description = "zeros or random:SEED. Default: ${DEFAULT-VALUE}.")
  String init;

  @Option(names = "--print-every", defaultValue = "1", description = "Print epochs 1, 1+K, 1+2K, ... Default: ${DEFAULT-VALUE}.")
  int printEvery;

  @Option(names = "--format", defaultValue = "text", description = "text or json. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--threads", defaultValue = "1", description = "Native threads for the backend. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu. Default: ${DEFAULT-VALUE}.")
  String device;

  /** The registry checks the cell; the messages about options name the option. */
  private Cell resolveCell() {
    if (variant != null && !variant.isEmpty()) {
      Backend b = Backends.get(backend);
      StageSupport support = b.support(Stage.parse(stage));
      if (support.isServed() && support.variants().isEmpty()) {
        throw new GdbenchException(b.name() + " " + stage + " has no variants, got --variant " + variant);
      }
    }
    return Backends.resolve(backend, stage, variant);
  }

  private Init parseInit() {
    try {
      return Init.parse(init);
    } catch (GdbenchException e) {
      throw new GdbenchException(init.startsWith("random:") ? "--init " + e.getMessage() : e.getMessage());
    }
  }

  @Override
  public Integer call() {
    if (!format.equals("text") && !format.equals("json")) {
      throw new GdbenchException("unknown format '" + format + "' (known: text, json)");
    }
    if (printEvery < 1) {
      throw new GdbenchException("--print-every must be at least 1, got " + printEvery);
    }
    Cell cell = resolveCell();
    Backend backend = Backends.get(cell.backend());
    if (!OwnClasspath.runsHere(backend) && backend.classpathNeed() == ClasspathNeed.OWN) {
      // its libraries are not on this class path: the same command, in a JVM on its own
      spec.commandLine().getOut().flush();
      return OwnClasspath.run(backend.name(), Main.class.getName(), spec.commandLine().getParseResult().originalArgs(), false);
    }
    boolean withBias = bias != null ? bias : cell.stage() == Stage.FULL_LIBRARY;
    TrainConfig config = new TrainConfig(lr, epochs, GradientRule.parse(gradient), withBias, parseInit(), threads, Device.parse(device));
    if (data == null || data.isBlank()) {
      throw new GdbenchException("--data is empty (use seed, synthetic:n=N,d=D,seed=S or FILE.csv)");
    }
    Problem problem = Problems.parse(data);
    Optimum optimum = Optimum.of(problem, config.bias());

    TrainingRun.Result result;
    float[] w0;
    float b0;
    try (Trainer trainer = Backends.open(cell, problem, config)) {
      w0 = trainer.weights();
      b0 = trainer.bias();
      result = TrainingRun.run(trainer, config, printEvery);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("json")) {
      out.println(json(cell, problem, config, result, optimum));
    } else {
      text(out, problem, config, result, optimum, w0, b0);
    }
    out.flush();
    if (result.status() == TrainingRun.Status.DIVERGED) {
      spec.commandLine().getErr().println("diverged at epoch " + result.divergedAt()
          + ": the loss or the parameters became infinite or NaN (lr " + config.lr() + " with the " + config.rule() + " rule is too large for this data)");
      return Main.EXIT_DIVERGED;
    }
    return 0;
  }

  private static void text(PrintWriter out, Problem problem, TrainConfig config, TrainingRun.Result result, Optimum optimum, float[] w0, float b0) {
    boolean seed = problem.isSeed() && problem.d() == 1;
    if (seed) {
      out.println(String.format(Locale.ROOT, "Prediction before training: f(5) = %.3f", 5 * w0[0] + b0));
    } else {
      out.println(String.format(Locale.ROOT, "Training on %s: N = %d, D = %d, %s, lr = %s, %d epochs, %s gradient",
          problem.name(), problem.n(), problem.d(), config.bias() ? "with bias" : "no bias", config.lr(), config.epochs(), config.rule()));
    }
    for (EpochRecord r : result.records()) {
      StringBuilder line = new StringBuilder("epoch " + r.epoch() + ": w = " + vector(r.weights()));
      if (config.bias()) {
        line.append(", b = ").append(fmt4(r.bias()));
      }
      if (r.gradient() != null) {
        line.append(", dw = ").append(vector(r.gradient()));
        if (config.bias() && Float.isFinite(r.biasGradient())) {
          line.append(", db = ").append(fmt4(r.biasGradient()));
        }
      }
      line.append(", loss = ").append(fmtLoss(r.loss()));
      out.println(line);
    }
    if (seed) {
      out.println(String.format(Locale.ROOT, "Prediction after training: f(5) = %.4f", 5 * result.weights()[0] + result.bias()));
      return;
    }
    out.println("After training: w = " + vector(result.weights()) + (config.bias() ? ", b = " + fmt4(result.bias()) : "")
        + ", loss = " + fmtLoss(problem.mse(result.weights(), result.bias())));
    StringBuilder opt = new StringBuilder("Optimum (closed form): w = ");
    float[] ow = new float[optimum.weights().length];
    for (int j = 0; j < ow.length; j++) {
      ow[j] = (float) optimum.weights()[j];
    }
    opt.append(vector(ow));
    if (config.bias()) {
      opt.append(", b = ").append(fmt4((float) optimum.bias()));
    }
    opt.append(", loss = ").append(fmtLoss(optimum.loss()));
    out.println(opt);
    out.println(String.format(Locale.ROOT, "Distance to the optimum: %.3g", optimum.distance(result.weights(), result.bias(), config.bias())));
  }

  private static String vector(float[] v) {
    if (v.length == 1) {
      return fmt4(v[0]);
    }
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(fmt4(v[i]));
    }
    return sb.append(']').toString();
  }

  /** The tutorial's %.4f; scientific notation once a diverging value has grown past a million. */
  private static String fmt4(float v) {
    return String.format(Locale.ROOT, Math.abs(v) < 1e6f ? "%.4f" : "%.4e", v);
  }

  /** The tutorial's %.8f; scientific notation once a diverging loss has grown past a million. */
  private static String fmtLoss(double v) {
    return String.format(Locale.ROOT, Math.abs(v) < 1e6 ? "%.8f" : "%.8e", v);
  }

  private static String json(Cell cell, Problem problem, TrainConfig config, TrainingRun.Result result, Optimum optimum) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("backend", cell.backend());
    root.put("stage", cell.stage().id());
    root.put("variant", cell.variant() == null ? null : cell.variant().id());
    ObjectNode c = root.putObject("config");
    c.put("data", problem.name());
    c.put("n", problem.n());
    c.put("d", problem.d());
    c.put("lr", config.lr());
    c.put("epochs", config.epochs());
    c.put("gradient", config.rule().id());
    c.put("bias", config.bias());
    c.put("init", config.init().toString());
    c.put("threads", config.threads());
    c.put("device", config.device().id());
    ArrayNode epochs = root.putArray("epochs");
    for (EpochRecord r : result.records()) {
      ObjectNode e = epochs.addObject();
      e.put("epoch", r.epoch());
      e.put("loss", r.loss());
      ArrayNode w = e.putArray("weights");
      for (float v : r.weights()) {
        w.add(v);
      }
      if (config.bias()) {
        e.put("bias", r.bias());
      } else {
        e.putNull("bias");
      }
    }
    root.put("status", result.status().id());
    if (result.status() == TrainingRun.Status.DIVERGED) {
      root.put("divergedAtEpoch", result.divergedAt());
    } else {
      root.putNull("divergedAtEpoch");
    }
    ObjectNode fin = root.putObject("final");
    ArrayNode fw = fin.putArray("weights");
    for (float v : result.weights()) {
      fw.add(v);
    }
    if (config.bias()) {
      fin.put("bias", result.bias());
    } else {
      fin.putNull("bias");
    }
    double finalLoss = problem.mse(result.weights(), result.bias());
    if (Double.isFinite(finalLoss)) {
      fin.put("loss", finalLoss);
    } else {
      fin.putNull("loss");
    }
    ObjectNode opt = root.putObject("optimum");
    ArrayNode ow = opt.putArray("weights");
    for (double v : optimum.weights()) {
      ow.add(v);
    }
    if (config.bias()) {
      opt.put("bias", optimum.bias());
    } else {
      opt.putNull("bias");
    }
    opt.put("loss", optimum.loss());
    double distance = optimum.distance(result.weights(), result.bias(), config.bias());
    if (Double.isFinite(distance)) {
      root.put("distanceToOptimum", distance);
    } else {
      root.putNull("distanceToOptimum");
    }
    try {
      return mapper.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
