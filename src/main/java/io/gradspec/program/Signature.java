package io.gradspec.program;

import java.util.List;

/** A declared function's numeric shapes under one dims map: one per argument, and the result's. */
public record Signature(List<int[]> args, int[] returns) {}
