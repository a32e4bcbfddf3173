import { describe, expect, it } from 'vitest';
import { CappedBuffer } from '../../src/workspace/capped-buffer.js';

function fill(max: number, chunks: string[]): CappedBuffer {
  const buffer = new CappedBuffer(max);
  for (const chunk of chunks) buffer.push(Buffer.from(chunk));
  return buffer;
}

describe('CappedBuffer', () => {
  it('keeps everything under the cap', () => {
    const b = fill(10, ['abc', 'def']);
    expect(b.truncated).toBe(false);
    expect(b.toString()).toBe('abcdef');
  });

  it('keeps everything exactly at the cap', () => {
    const b = fill(10, ['0123456789']);
    expect(b.truncated).toBe(false);
    expect(b.toString()).toBe('0123456789');
  });

  it('keeps head and tail of one big chunk with a marker', () => {
    const b = fill(10, ['abcdefghijklmnopqrstuvwxyz']);
    expect(b.truncated).toBe(true);
    expect(b.toString()).toBe('abcde\n[… 16 bytes cut by stopbench …]\nvwxyz');
  });

  it('gives the same result for many small chunks', () => {
    const b = fill(10, 'abcdefghijklmnopqrstuvwxyz'.split(''));
    expect(b.toString()).toBe('abcde\n[… 16 bytes cut by stopbench …]\nvwxyz');
  });

  it('splits an odd cap with the extra byte in the tail', () => {
    const b = fill(7, ['abc', 'defghij', 'klm']);
    expect(b.toString()).toBe('abc\n[… 6 bytes cut by stopbench …]\njklm');
  });

  it('drops tail chunks whole and in part as newer bytes arrive', () => {
    const b = fill(6, ['abc', 'de', 'fgh', 'i', 'jk']);
    expect(b.toString()).toBe('abc\n[… 5 bytes cut by stopbench …]\nijk');
  });

  it('turns invalid or cut UTF-8 into U+FFFD instead of throwing', () => {
    const b = new CappedBuffer(100);
    b.push(Buffer.from([0x61, 0xff, 0x62]));
    expect(b.toString()).toBe('a\uFFFDb');
    const cut = new CappedBuffer(4);
    cut.push(Buffer.from('aé€€z')); // "aé" head ends inside "€"
    expect(() => cut.toString()).not.toThrow();
    expect(cut.toString()).toContain('\uFFFD');
  });
});
