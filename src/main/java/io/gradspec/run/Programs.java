package io.gradspec.run;

import io.gradspec.expr.kernel.ProgramLink;
import io.gradspec.expr.shape.Axis;
import io.gradspec.program.InProcessServer;
import io.gradspec.program.ProgramClient;
import io.gradspec.program.ProgramException;
import io.gradspec.program.Signature;
import io.gradspec.spec.FunctionDecl;
import io.gradspec.spec.Located;
import io.gradspec.spec.Spec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The programs a run has started (contract §7): one process per spec file and program (its argv and the
 * functions it declares), started at the first request and reused by the file's specs, ended with the
 * file ({@link #endFile}) or the run ({@link #close}). A program that faulted (a timeout, a protocol
 * error, an exit) is gone; the next spec that needs it starts it again.
 */
public final class Programs implements AutoCloseable {
  private record Key(String file, List<String> argv, List<String> functions) {}

  private final Map<Key, Link> links = new LinkedHashMap<>();
  private final Map<String, InProcessServer> javaPrograms;

  public Programs() { this(Map.of()); }

  /** Programs that also serve {@code program: {java: NAME}} from {@code javaPrograms}. */
  public Programs(Map<String, InProcessServer> javaPrograms) { this.javaPrograms = javaPrograms; }

  /** The link for {@code spec}'s program (a spec without one gets {@link ProgramLink#NONE}). */
  public synchronized ProgramLink linkFor(Spec spec) {
    if (spec.program() == null) return ProgramLink.NONE;
    List<String> names = spec.functions().stream().map(f -> f.name().value()).toList();
    Key key = new Key(spec.file().displayPath(), spec.program().argv(), names);
    return links.computeIfAbsent(key, k -> new Link(spec, spec.program().inProcess()
        ? javaPrograms.get(spec.program().java().value()) : null));
  }

  /** Ends the programs of {@code file}: bye, closed input, and the group killed 5 s later if still there. */
  synchronized void endFile(String file) {
    links.entrySet().removeIf(e -> {
      if (!e.getKey().file().equals(file)) return false;
      e.getValue().close();
      return true;
    });
  }

  @Override public synchronized void close() {
    for (Link l : links.values()) l.close();
    links.clear();
  }

  /** One program of one file: started when first asked, again after a fault. */
  private static final class Link implements ProgramLink {
    private final Spec spec;
    /** The server of a Java program ({@code program: {java: NAME}}), null for a child process. */
    private final InProcessServer server;
    private ProgramClient client;
    private final io.gradspec.expr.kernel.ProgramGradients gradients = new io.gradspec.expr.kernel.ProgramGradients();

    Link(Spec spec, InProcessServer server) {
      this.spec = spec;
      this.server = server;
    }

    @Override public synchronized ProgramClient client() throws ProgramException {
      if (client == null || client.dead()) {
        double timeout = spec.program().timeoutSeconds();
        if (spec.program().inProcess()) {
          if (server == null) {
            throw new ProgramException(ProgramException.Kind.EXITED, "no Java program `"
                + spec.program().java().value() + "` is registered in this run");
          }
          client = ProgramClient.startInProcess(server, spec.program().java().value(), timeout, signatures(spec));
        } else {
          Path dir = spec.file().path().toAbsolutePath().getParent();
          client = ProgramClient.start(spec.program().argv(), dir, timeout, signatures(spec));
        }
      }
      return client;
    }

    @Override public io.gradspec.expr.kernel.ProgramGradients gradients() { return gradients; }

    synchronized void close() {
      if (client != null) client.close();
      client = null;
    }
  }

  /** The declared functions' numeric shapes under the first dims map, as the hello sends them. */
  static Map<String, Signature> signatures(Spec spec) {
    Map<String, Integer> dims = spec.dims().isEmpty() ? Map.of() : spec.dims().get(0);
    Map<String, Signature> out = new LinkedHashMap<>();
    for (FunctionDecl f : spec.functions()) {
      List<int[]> args = new ArrayList<>();
      for (List<Located<String>> a : f.args()) args.add(sizes(a, dims));
      out.put(f.name().value(), new Signature(args, sizes(f.returns(), dims)));
    }
    return out;
  }

  private static int[] sizes(List<Located<String>> axes, Map<String, Integer> dims) {
    int[] out = new int[axes.size()];
    for (int i = 0; i < out.length; i++) {
      Axis a = Axis.parse(axes.get(i).value());
      out[i] = a == null ? 0 : (int) Math.max(0, a.size(dims));
    }
    return out;
  }
}
