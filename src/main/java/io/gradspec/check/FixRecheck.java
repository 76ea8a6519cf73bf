package io.gradspec.check;

import io.gradspec.check.hint.HintFinder;
import io.gradspec.expr.syntax.Printer;
import io.gradspec.result.Hint;
import io.gradspec.result.Status;
import io.gradspec.spec.CheckSettings;
import io.gradspec.spec.ClaimDecl;
import io.gradspec.spec.Expect;
import io.gradspec.spec.ExprText;
import io.gradspec.spec.SourceFile;
import io.gradspec.spec.Spec;
import java.util.List;

/**
 * The synthetic re-check of a suggested correction: the spec with only this claim, corrected (its claim
 * printed from the rewritten tree, or its layout changed) and expected to pass, checked in full without
 * hints. A correction is offered only when it then passes everywhere. The numeric columns at each point
 * are the ones the claim's own check computed (the same spec, the same points: {@link SharedSweep.Memo}),
 * so a candidate costs its own evaluation and comparison, not a sweep.
 */
final class FixRecheck implements HintFinder.Recheck {
  private final Spec spec;
  private final ClaimDecl claim;
  private final CheckOptions options;
  private final SharedSweep.Memo memo;

  FixRecheck(Spec spec, ClaimDecl claim, CheckOptions options, SharedSweep.Memo memo) {
    this.spec = spec;
    this.claim = claim;
    this.options = options;
    this.memo = memo;
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
    // A candidate's disagreements are not confirmed (Ridders' re-estimates are for the report of a claim,
    // and most candidates fail): so a fix is offered only when it agrees at the default step everywhere,
    // which can drop a fix but never offers a wrong one. And most fail at the first point: check that one
    // alone first (trial 0 of each dims map is the same point in both runs), then the whole.
    CheckOptions unconfirmed = options.toBuilder().unconfirmed(true).build();
    CheckSettings e = options.explicit();
    if (e.trials() == null || e.trials() > 1) {
      CheckOptions first = unconfirmed.toBuilder()
          .explicit(new CheckSettings(1, e.seed(), e.method(), e.step(), e.rtol(), e.atol())).build();
      if (Checker.check(one, first, false, memo).status() != Status.PASSED) return false;
    }
    return Checker.check(one, unconfirmed, false, memo).status() == Status.PASSED;
  }
}
