import type { Section } from '../../content/taxonomy/index.js';
import { Button, CsrfField, ErrorSummary, NewsroomLayout, SelectField, TextField, type NewsroomPageContext } from '../ui/index.js';

/** What the sections and topics page shows. */
export interface SectionsPageProps {
  page: NewsroomPageContext;
  sections: Section[];
  topics: { id: number; name: string; slug: string; stories: number }[];
  errors: Record<string, string>;
  values: Record<string, string>;
  notice?: string;
}

/** /newsroom/sections/: add, rename and delete sections (moving their stories); rename topics. */
export function SectionsPage({ page, sections, topics, errors, values, notice }: SectionsPageProps) {
  const token = page.csrfToken;
  return (
    <NewsroomLayout page={page} title="Sections and topics" active="sections" notice={notice}>
      <ErrorSummary errors={errors} />
      <section aria-labelledby="sections-title">
        <h2 id="sections-title">Sections</h2>
        {sections.map((section) => (
          <div class="nr-card" key={section.id}>
            <h3>
              <a href={`/${section.slug}/`}>{section.name}</a> <span class="nr-meta">/{section.slug}/</span>
            </h3>
            <form method="post" action={`/newsroom/sections/${section.id}/edit`}>
              <CsrfField token={token} />
              <TextField id={`name-${section.id}`} name="name" label={`Name of ${section.name}`} value={section.name} required />
              <TextField id={`description-${section.id}`} name="description" label={`Description of ${section.name}`} value={section.description} />
              <Button variant="secondary">Save section</Button>
            </form>
            {sections.length > 1 && (
              <form method="post" action={`/newsroom/sections/${section.id}/delete`}>
                <CsrfField token={token} />
                <SelectField
                  id={`move-${section.id}`}
                  name="moveTo"
                  label={`Move the stories of ${section.name} to`}
                  options={sections.filter((other) => other.id !== section.id).map((other) => ({ value: String(other.id), label: other.name }))}
                />
                <Button variant="danger">Delete section</Button>
              </form>
            )}
          </div>
        ))}
        <h3>Add a section</h3>
        <form method="post" action="/newsroom/sections/">
          <CsrfField token={token} />
          <TextField name="name" label="Section name" value={values.name} error={errors.name} required hint="Its address is made from the name and never changes." />
          <TextField name="description" label="Section description" value={values.description} />
          <Button>Add section</Button>
        </form>
      </section>
      <section aria-labelledby="topics-title">
        <h2 id="topics-title">Topics</h2>
        <p class="nr-meta">The most used topics. Renaming keeps each topic’s address.</p>
        {topics.map((topic) => (
          <form method="post" action={`/newsroom/topics/${topic.id}/rename`} class="nr-card" key={topic.id}>
            <CsrfField token={token} />
            <TextField id={`topic-${topic.id}`} name="name" label={`Name of topic ${topic.name} (${topic.stories} stories)`} value={topic.name} required />
            <Button variant="secondary">Rename topic</Button>
          </form>
        ))}
      </section>
    </NewsroomLayout>
  );
}
