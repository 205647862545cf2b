import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useResource } from './useResource.ts';

afterEach(cleanup);

/** Answers each load by hand, in the order the test chooses. */
function answers() {
  const waiting: { key: string; resolve: (value: string) => void }[] = [];
  const load = (key: string) => () =>
    new Promise<string>((resolve) => {
      waiting.push({ key, resolve });
    });
  const answer = async (key: string, value: string) => {
    const found = waiting.find((each) => each.key === key);
    await act(async () => found?.resolve(value));
  };
  return { load, answer };
}

let reloadShown: () => void = () => {};

function Shown({ search, load }: { search: string; load: (key: string) => () => Promise<string> }) {
  const [resource, reload] = useResource(search, load(search));
  reloadShown = reload;
  return <p>{resource.status === 'loaded' ? resource.data : resource.status}</p>;
}

describe('useResource', () => {
  it('shows loading, not the old answer, while a new key’s answer is awaited', async () => {
    const { load, answer } = answers();
    const view = render(<Shown search="everyone" load={load} />);
    expect(screen.getByText('loading')).toBeTruthy();
    await answer('everyone', '31 people');
    expect(screen.getByText('31 people')).toBeTruthy();

    view.rerender(<Shown search="Ashdown" load={load} />);
    expect(screen.getByText('loading')).toBeTruthy();
    await answer('Ashdown', '1 person');
    expect(screen.getByText('1 person')).toBeTruthy();
  });

  it('drops an answer that comes after its key has changed', async () => {
    const { load, answer } = answers();
    const view = render(<Shown search="slow" load={load} />);
    view.rerender(<Shown search="fast" load={load} />);
    await answer('fast', 'the newer answer');
    await answer('slow', 'the older answer');
    expect(screen.getByText('the newer answer')).toBeTruthy();
  });

  it('keeps showing what it has while the same key is loaded again', async () => {
    const { load, answer } = answers();
    render(<Shown search="everyone" load={load} />);
    await answer('everyone', 'first answer');
    await act(async () => reloadShown());
    expect(screen.getByText('first answer')).toBeTruthy();
  });
});
