package io.gradspec.spec;

/** One entry of {@code define}: a name and the expression or index formula that defines it. */
public record Definition(Located<String> name, ExprText expr) {}
