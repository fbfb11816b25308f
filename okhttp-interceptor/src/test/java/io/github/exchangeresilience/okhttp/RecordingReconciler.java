package io.github.exchangeresilience.okhttp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers with scripted results, and remembers every question. */
final class RecordingReconciler implements Reconciler {
  private final Deque<ReconcileResult> answers = new ArrayDeque<>();
  private final List<ReconcileRequest> requests = new CopyOnWriteArrayList<>();

  RecordingReconciler answering(ReconcileResult... results) {
    answers.addAll(List.of(results));
    return this;
  }

  @Override
  public synchronized ReconcileResult reconcile(ReconcileRequest request) {
    requests.add(request);
    return answers.isEmpty() ? ReconcileResult.unresolved() : answers.poll();
  }

  List<ReconcileRequest> requests() {
    return List.copyOf(requests);
  }
}
