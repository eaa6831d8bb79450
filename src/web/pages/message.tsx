/** A short page for refusals (an expired form, sign-in throttled...): a heading, a sentence, a way on. */
import { Layout } from "../layout.tsx";

export function MessagePage({ title, message, back }: { title: string; message: string; back: string }) {
  return (
    <Layout title={title} narrow>
      <h1>{title}</h1>
      <p class="notice error" role="alert">
        {message}
      </p>
      <p>
        <a href={back}>Go back</a>
      </p>
    </Layout>
  );
}
