import { describe, expect, it } from 'vitest';
import { climbsOut, isWithin } from '../../src/text/paths.js';

describe('isWithin', () => {
  it('tells inside from outside', () => {
    expect(isWithin('/a/b', '/a/b')).toBe(true);
    expect(isWithin('/a/b', '/a/b/c')).toBe(true);
    expect(isWithin('/a/b', '/a/b/..c')).toBe(true);
    expect(isWithin('/a/b', '/a')).toBe(false);
    expect(isWithin('/a/b', '/a/bc')).toBe(false);
  });

  it('tells a `..` segment from a name that starts with two dots', () => {
    expect(climbsOut('..')).toBe(true);
    expect(climbsOut('../x')).toBe(true);
    expect(climbsOut('..cache')).toBe(false);
  });
});
