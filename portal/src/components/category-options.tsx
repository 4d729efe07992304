import type { Category } from '../api/types';

/** The categories as <option>s, by documentId (what the API takes), for a select that adds its own empty choice. */
export function CategoryOptions({ categories }: { categories: Category[] | undefined }) {
  return (
    <>
      {categories?.map((category) => (
        <option key={category.documentId} value={category.documentId}>
          {category.name}
        </option>
      ))}
    </>
  );
}
