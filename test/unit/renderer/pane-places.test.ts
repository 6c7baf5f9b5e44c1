/** The per-session folder memory behind tabs: restored as saved, bounded, least recent forgotten. */
import { describe, expect, it } from 'vitest';
import { PanePlaces } from '../../../src-renderer/logic/pane-places.js';

describe('PanePlaces', () => {
  it('gives back the history and position saved for an owner', () => {
    const places = new PanePlaces();
    places.save('a', { stack: ['/', '/alpha'], index: 1 });
    places.save('b', { stack: ['/', '/beta', '/beta/x'], index: 1 });
    const a = places.get('a');
    expect(a).toEqual({ stack: ['/', '/alpha'], index: 1 });
    expect(a && PanePlaces.folderOf(a)).toBe('/alpha');
    expect(places.get('b') && PanePlaces.folderOf(places.get('b')!)).toBe('/beta');
    expect(places.get('c')).toBeUndefined();
  });

  it('ignores a place that points outside its history', () => {
    const places = new PanePlaces();
    places.save('a', { stack: [], index: -1 });
    expect(places.get('a')).toBeUndefined();
  });

  it('forgets the least recently saved owner beyond its limit', () => {
    const places = new PanePlaces(2);
    places.save('a', { stack: ['/a'], index: 0 });
    places.save('b', { stack: ['/b'], index: 0 });
    places.save('a', { stack: ['/a', '/a/1'], index: 1 });
    places.save('c', { stack: ['/c'], index: 0 });
    expect(places.get('b')).toBeUndefined();
    expect(places.get('a')?.index).toBe(1);
    expect(places.get('c')).toBeDefined();
  });
});
