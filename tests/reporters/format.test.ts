import { describe, expect, it } from 'vitest';
import { formatP, formatRelative, formatSigned } from '../../src/reporters/format.js';

describe('shared format helpers', () => {
  it('formatP keeps four decimals and never rounds a tiny p-value to 0', () => {
    expect(formatP(0.0625)).toBe('0.0625');
    expect(formatP(1)).toBe('1.0000');
    expect(formatP(3.2e-7)).toBe('3.2e-7');
  });

  it('formatSigned shows the sign of a change, n/a for none', () => {
    expect(formatSigned(0.125)).toBe('+0.125');
    expect(formatSigned(-0.05)).toBe('-0.050');
    expect(formatSigned(0)).toBe('+0.000');
    expect(formatSigned(null)).toBe('n/a');
  });

  it('formatRelative: a percentage, a multiple for big rises, words for a rise from nothing', () => {
    expect(formatRelative(0.125)).toBe('+12.5%');
    expect(formatRelative(-0.5)).toBe('-50.0%');
    expect(formatRelative(8415)).toBe('×8416');
    expect(formatRelative(null)).toBe('up from nothing');
  });
});
