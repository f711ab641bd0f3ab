package gdbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.TrainConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference traces recorded from PyTorch (copied from the project's shared golden folder into
 * test resources): per epoch, the loss before the update and the parameters after it.
 */
public record Golden(String name, int n, int d, float lr, boolean bias, GradientRule rule, List<Epoch> epochs) {

  public record Epoch(int epoch, double loss, double[] weights, Double bias) {}

  public static final List<String> SEED_TRACES = List.of("seed-manual-mean", "seed-manual-dot", "seed-linear-zero-init");

  public static Golden load(String name) {
    try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name + ".json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Epoch> epochs = new ArrayList<>();
      for (JsonNode e : root.get("epochs")) {
        JsonNode w = e.get("weights");
        double[] weights = new double[w.size()];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = w.get(i).asDouble();
        }
        epochs.add(new Epoch(e.get("epoch").asInt(), e.get("loss").asDouble(), weights, e.get("bias").isNull() ? null : e.get("bias").asDouble()));
      }
      return new Golden(name, root.get("n").asInt(), root.get("d").asInt(), (float) root.get("lr").asDouble(),
          root.get("bias").asBoolean(), GradientRule.parse(root.get("rule").asText()), epochs);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public TrainConfig config() {
    return new TrainConfig(lr, epochs.size(), rule, bias, Init.zeros(), 1, gdbench.core.Device.CPU);
  }
}
