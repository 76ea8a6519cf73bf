package io.gradspec.expr.kernel;

import io.gradspec.program.NdArray;
import io.gradspec.program.ProgramException;
import io.gradspec.spec.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a node asks the spec's program (contract §7): the link, the function's name, its arguments' and
 * result's protocol shapes, and the spec text a fault is reported at. Shared by the nodes that call it: a
 * call ({@link ProgramCall}), its derivative ({@link ProgramJacobian}), its complex form ({@link ProgramComplexCall}).
 */
public record ProgramSite(ProgramLink link, String fn, int[][] argShapes, int[] returns, Span span, String text) {
  /** The values of {@code args}, as the protocol sends them (the buffers themselves: requests are written at once). */
  List<NdArray> arguments(Node[] args) {
    List<NdArray> out = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) out.add(new NdArray(argShapes[i], args[i].m.data));
    return out;
  }

  /** A fault of the program as an evaluation error at the call, with the program's words and {@code label}. */
  EvalException failure(ProgramException e, String label) {
    return new EvalException(span, e.getMessage(), label);
  }
}
