package gdbench.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * JMH's human-readable output, to the terminal and to the run's jmh.log at once, keeping the last
 * bytes of the current benchmark's output so that a failure can be recorded with its context, and
 * the kernels OpenBLAS reports loading in it ({@code Core: Haswell}, printed by a fork's OpenBLAS
 * under {@code OPENBLAS_VERBOSE=2}, which the launchers set).
 */
final class TeeOutput extends OutputStream {
  private static final int KEEP = 64 * 1024;

  private final OutputStream terminal;
  private final OutputStream log;
  private final byte[] ring = new byte[KEEP];
  private long written;
  private final StringBuilder line = new StringBuilder();
  private final List<String> openblasCores = new ArrayList<>();
  private static final String CORE = "Core: ";

  TeeOutput(OutputStream terminal, OutputStream log) {
    this.terminal = terminal;
    this.log = log;
  }

  @Override
  public synchronized void write(int b) throws IOException {
    terminal.write(b);
    log.write(b);
    keep((byte) b);
  }

  private void keep(byte b) {
    ring[(int) (written++ % KEEP)] = b;
    if (b == '\n') {
      String text = line.toString().trim();
      if (text.startsWith(CORE) && text.length() > CORE.length() && !openblasCores.contains(text.substring(CORE.length()))) {
        openblasCores.add(text.substring(CORE.length()));
      }
      line.setLength(0);
    } else if (line.length() < 200) {
      line.append((char) (b & 0xff));
    }
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    terminal.write(b, off, len);
    log.write(b, off, len);
    for (int i = 0; i < len; i++) {
      keep(b[off + i]);
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    terminal.flush();
    log.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    flush();
    log.close();
  }

  /** Starts a new capture: {@link #tail} sees only what comes after. */
  synchronized void mark() {
    Arrays.fill(ring, (byte) 0);
    written = 0;
    line.setLength(0);
    openblasCores.clear();
  }

  /** The OpenBLAS kernels reported since {@link #mark}, each once, in the order seen. */
  synchronized List<String> openblasCores() {
    return List.copyOf(openblasCores);
  }

  /** The last {@code lines} non-blank lines written since {@link #mark}. */
  synchronized List<String> tail(int lines) {
    int size = (int) Math.min(written, KEEP);
    byte[] bytes = new byte[size];
    long start = written - size;
    for (int i = 0; i < size; i++) {
      bytes[i] = ring[(int) ((start + i) % KEEP)];
    }
    String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
    List<String> out = new ArrayList<>();
    for (int i = all.length - 1; i >= 0 && out.size() < lines; i--) {
      if (!all[i].isBlank()) {
        out.add(0, all[i]);
      }
    }
    return out;
  }
}
