package io.gradspec.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Runs lists of independent tasks on up to {@code threads} threads and returns their results in list
 * order, so that callers can merge them in a fixed order whatever the number of threads. Inside a
 * fork-join pool (specs already run in parallel) the tasks join that pool; otherwise a pool of its own
 * is started on first use and stopped by {@link #close()}. A task's runtime exception is rethrown as is.
 */
final class Workers implements AutoCloseable {
  private final int threads;
  private ForkJoinPool pool;

  Workers(int threads) { this.threads = threads; }

  /** Runs every task (on this thread alone when there is one thread or one task); results in task order. */
  <T> List<T> all(List<? extends Callable<T>> work) {
    List<T> out = new ArrayList<>(work.size());
    if (threads < 2 || work.size() < 2) {
      for (Callable<T> w : work) out.add(call(w));
      return out;
    }
    if (ForkJoinTask.inForkJoinPool()) {
      List<ForkJoinTask<T>> tasks = new ArrayList<>();
      for (Callable<T> w : work) tasks.add(ForkJoinTask.adapt(w));
      ForkJoinTask.invokeAll(tasks);
      for (ForkJoinTask<T> t : tasks) out.add(t.join());
      return out;
    }
    if (pool == null) pool = new ForkJoinPool(threads);
    try {
      for (var f : pool.invokeAll(work)) out.add(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
    return out;
  }

  private static <T> T call(Callable<T> w) {
    try {
      return w.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override public void close() {
    if (pool != null) pool.shutdown();
  }
}
