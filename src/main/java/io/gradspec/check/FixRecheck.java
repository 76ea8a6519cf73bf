package io.gradspec.check;

import io.gradspec.check.hint.HintFinder;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.result.Hint;
import io.gradspec.result.Status;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Expect;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Spec;
import java.util.List;

/**
 * The synthetic re-check of a suggested correction: the spec with only this claim, corrected (its claim
 * printed from the rewritten tree, or its layout changed) and expected to pass, checked in full without
 * hints. A correction is offered only when it then passes everywhere.
 */
final class FixRecheck implements HintFinder.Recheck {
  private final Spec spec;
  private final ClaimDecl claim;
  private final CheckOptions options;

  FixRecheck(Spec spec, ClaimDecl claim, CheckOptions options) {
    this.spec = spec;
    this.claim = claim;
    this.options = options;
  }

  @Override public boolean passes(Hint.Fix fix) {
    ExprText text = claim.claim();
    if (fix.claim() != null) {
      String printed = Printer.print(fix.claim());
      text = ExprText.verbatim(printed, new SourceFile(spec.file().path(), spec.file().displayPath(), printed), 0);
    }
    ClaimDecl d = new ClaimDecl(0, claim.of(), claim.wrt(), text, fix.layout() == null ? claim.layout() : fix.layout(),
        Expect.PASS, claim.rtol(), claim.atol(), claim.note(), claim.span(), false, claim.order());
    Spec one = new Spec(spec.file(), spec.document(), spec.name(), spec.description(), spec.tags(), spec.indexBase(),
        spec.dims(), spec.dimsSpans(), spec.inputs(), spec.defines(), List.of(d), spec.check(), spec.span(),
        spec.program(), spec.functions());
    return Checker.check(one, options, false).status() == Status.PASSED;
  }
}
