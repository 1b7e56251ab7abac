/**
 * Long JavaScript work in a lab (a stream's micro-batches, a generated change stream) runs on the
 * page's main thread; a task over 200 ms freezes the page (issue 19's limit, the RAIL model's 100 ms
 * response budget doubled). `pacer` returns a function to await between units of such work: it
 * hands the event loop back once `budgetMs` have passed since the last pause, so input and painting
 * get their turn, and costs one clock read otherwise. Results never depend on it.
 */
export function pacer(budgetMs = 40): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) {
      return;
    }
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    since = performance.now();
  };
}
