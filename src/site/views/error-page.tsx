/** The page for an unknown URL or a malformed request. */
export function ErrorPage({ status, message }: { status: 400 | 404; message: string }) {
  return (
    <section class="error-page" aria-labelledby="error-title">
      <h1 id="error-title" class="page-title">{status === 404 ? 'Page not found' : 'Bad request'}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Go to the front page</a> or pick a section above.
      </p>
    </section>
  );
}
