import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CategoryCheckboxes, PurposeCheckboxes, purposeAndCategoryProblems } from './sharing-fields.tsx';

afterEach(cleanup);

describe('the sharing fields', () => {
  it('offer every purpose and kind of information, with their hints', () => {
    render(
      <>
        <PurposeCheckboxes />
        <CategoryCheckboxes />
      </>,
    );
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(2);
    expect(document.getElementById('purposes')).toBeTruthy();
    expect(document.getElementById('categories')).toBeTruthy();
  });

  it('ask for at least one purpose and one kind of information', () => {
    expect(purposeAndCategoryProblems([], [])).toEqual([
      { field: 'purposes', message: 'Choose at least one purpose' },
      { field: 'categories', message: 'Choose at least one kind of information' },
    ]);
    expect(purposeAndCategoryProblems(['care_coordination'], ['identity'])).toEqual([]);
  });
});
