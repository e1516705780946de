import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../src/lib/suggest.js';

describe('editDistance', () => {
  it.each([
    ['week', 'week', 0],
    ['wek', 'week', 1],
    ['exprot', 'export', 1], // a swap is one typo
    ['form', 'from', 1],
    ['', 'log', 3],
    ['submit', 'export', 5],
  ])('%s → %s: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('closestMatch', () => {
  const commands = ['log', 'week', 'submit', 'export', 'login', 'logout', 'help'];
  it.each([
    ['wek', 'week'],
    ['exprot', 'export'],
    ['Week', 'week'],
    ['sumbit', 'submit'],
    ['logot', 'logout'],
    ['exp', 'export'], // a prefix of one command
  ])('%s → %s', (typed, expected) => expect(closestMatch(typed, commands)).toBe(expected));

  it.each([['frobnicate'], ['xyz'], [''], ['deploy']])('%j → nothing', (typed) =>
    expect(closestMatch(typed, commands)).toBeUndefined(),
  );
});
