package gdbench.runfolder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes a run folder's JSON; every failure names the file. */
final class JsonFiles {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonFiles() {}

  static JsonNode read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new GdbenchException(file + ": missing");
    }
    try {
      if (Files.size(file) == 0) {
        throw new GdbenchException(file + ": empty file");
      }
      JsonNode node = MAPPER.readTree(file.toFile());
      if (node == null || node.isMissingNode()) {
        throw new GdbenchException(file + ": empty file");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new GdbenchException(file + ": not valid JSON (truncated or damaged?)" + where);
    } catch (IOException e) {
      throw new GdbenchException(file + ": cannot be read: " + e.getMessage());
    }
  }

  /** A node read from {@code file} as a {@code type}; a mismatch names the file and {@code what} it should have been. */
  static <T> T convert(Path file, JsonNode node, Class<T> type, String what) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (JsonProcessingException e) {
      throw new GdbenchException(file + ": not a " + what + ": " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw new GdbenchException(file + ": not a " + what + ": " + e.getMessage());
    }
  }

  /** Indented, the way every gdbench JSON file has been written. */
  static byte[] pretty(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
    }
  }
}
