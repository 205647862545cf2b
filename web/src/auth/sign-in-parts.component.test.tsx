import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CancelSignIn } from './sign-in-parts.tsx';

afterEach(cleanup);

describe('CancelSignIn', () => {
  it('is a secondary button that signs out', () => {
    const signOut = vi.fn(async () => {});
    render(<CancelSignIn signOut={signOut} />);
    const button = screen.getByRole('button', { name: 'Cancel and sign out' });
    expect(button.className).toBe('nhsuk-button nhsuk-button--secondary');
    expect(button.getAttribute('type')).toBe('button');
    fireEvent.click(button);
    expect(signOut).toHaveBeenCalledTimes(1);
  });
});
