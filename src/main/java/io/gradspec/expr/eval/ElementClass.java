package io.gradspec.expr.eval;

import io.gradspec.expr.kernel.ScalarCode;
import io.gradspec.expr.syntax.BinaryOp;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.LimitExceededException;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class file {@link ElementBytecode} writes one body into: a final class implementing
 * {@link ScalarCode} whose {@code eval(double[] env)} is {@link #eval}, with one final field per object the
 * code reads (arrays, logs, closures), set from the constructor's {@code Object[]}. Classes are hidden
 * (unloadable, in this package) and kept by their bytes.
 */
final class ElementClass implements Opcodes {
  static final String NAME = "io/gradspec/expr/eval/ElementCode";
  private static final String CODE = "io/gradspec/expr/kernel/ScalarCode";
  /** Bytes of a generated class past which its method may be too large for the JIT (8000 bytecodes). */
  private static final int MAX_CLASS_BYTES = 7000;

  private final ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
    // frames merge only primitives here; never load classes to find a common superclass
    @Override protected String getCommonSuperClass(String a, String b) { return "java/lang/Object"; }
  };
  /** The body's method, {@code double eval(double[] env)}: local 0 is this, 1 the environment. */
  final MethodVisitor eval;
  private final List<Object> consts = new ArrayList<>();
  private final List<String> descs = new ArrayList<>();
  private final IdentityHashMap<Object, Integer> constIds = new IdentityHashMap<>();
  private int nextLocal = 2;

  ElementClass() {
    cw.visit(V17, ACC_FINAL | ACC_SUPER, NAME, null, "java/lang/Object", new String[] {CODE});
    eval = cw.visitMethod(ACC_PUBLIC, "eval", "([D)D", null, null);
    eval.visitCode();
  }

  /** Ends {@link #eval} (its value on the stack) and makes the code; null when the class would be too large. */
  ScalarCode finish() {
    eval.visitInsn(DRETURN);
    eval.visitMaxs(0, 0);
    eval.visitEnd();
    for (int i = 0; i < descs.size(); i++) cw.visitField(ACC_PRIVATE | ACC_FINAL, "c" + i, descs.get(i), null, null).visitEnd();
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "([Ljava/lang/Object;)V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    for (int i = 0; i < descs.size(); i++) {
      init.visitVarInsn(ALOAD, 0);
      init.visitVarInsn(ALOAD, 1);
      init.visitLdcInsn(i);
      init.visitInsn(AALOAD);
      String d = descs.get(i);
      init.visitTypeInsn(CHECKCAST, d.startsWith("L") ? d.substring(1, d.length() - 1) : d);
      init.visitFieldInsn(PUTFIELD, NAME, "c" + i, d);
    }
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    cw.visitEnd();
    byte[] bytes;
    try {
      bytes = cw.toByteArray();
    } catch (MethodTooLargeException | ClassTooLargeException | LimitExceededException e) {
      return null;
    }
    if (bytes.length > MAX_CLASS_BYTES) return null;
    try {
      return (ScalarCode) constructor(bytes).invoke((Object) consts.toArray());
    } catch (Throwable t) {
      throw new IllegalStateException("generated element code did not load: " + t, t);
    }
  }

  /**
   * The constructor of the class of these bytes: defined once and kept, so that compiling the same spec
   * again (the next trial's dims, a re-check of a suggested fix, a warm benchmark) reuses the class and the
   * machine code the JIT made for it. The bytes hold no value, only the formula's structure and sizes.
   */
  private static MethodHandle constructor(byte[] bytes) throws ReflectiveOperationException {
    ByteBuffer key = ByteBuffer.wrap(bytes);
    synchronized (CLASSES) {
      MethodHandle known = CLASSES.get(key);
      if (known != null) return known;
    }
    MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
    MethodHandle made = hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class, Object[].class));
    synchronized (CLASSES) {
      MethodHandle known = CLASSES.putIfAbsent(key, made);
      return known != null ? known : made;
    }
  }

  /** The classes made so far, the least recently used dropped past 2048 (a class is a few kilobytes). */
  private static final Map<ByteBuffer, MethodHandle> CLASSES = new LinkedHashMap<>(64, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<ByteBuffer, MethodHandle> eldest) { return size() > 2048; }
  };

  /** Pushes a constant object, held in a final field of the generated class. */
  void field(Object o, String desc) {
    Integer id = constIds.get(o);
    if (id == null) {
      id = consts.size();
      consts.add(o);
      descs.add(desc);
      constIds.put(o, id);
    }
    eval.visitVarInsn(ALOAD, 0);
    eval.visitFieldInsn(GETFIELD, NAME, "c" + id, desc);
  }

  /** The jump taken when comparison {@code op} holds, after a DCMPx or ISUB of its two sides. */
  static int ifTrue(BinaryOp op) {
    return switch (op) {
      case EQ -> IFEQ; case NE -> IFNE; case LT -> IFLT; case LE -> IFLE; case GT -> IFGT; case GE -> IFGE;
      default -> throw new IllegalStateException("operator " + op);
    };
  }

  /** The jump taken when comparison {@code op} does not hold (NaN included, after the right DCMPx). */
  static int ifFalse(BinaryOp op) {
    return switch (op) {
      case EQ -> IFNE; case NE -> IFEQ; case LT -> IFGE; case LE -> IFGT; case GT -> IFLE; case GE -> IFLT;
      default -> throw new IllegalStateException("operator " + op);
    };
  }

  /** The locals in use: {@link #release} frees those allocated since (a body's locals are scoped). */
  int locals() { return nextLocal; }

  void release(int locals) { nextLocal = locals; }

  /** A fresh two-word local (a long or a double; an int uses the first word). */
  int local() {
    int l = nextLocal;
    nextLocal += 2;
    return l;
  }
}
