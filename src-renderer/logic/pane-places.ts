/**
 * Where each session's pane was: its folder history (back/forward) and the position in it.
 * One remote pane serves every tab, so switching back to a tab restores that tab's own folder
 * and history instead of starting again from the folder remembered for the server, which
 * another tab to the same server may have moved.
 */
export interface PanePlace {
  stack: readonly string[];
  index: number;
}

/** A bounded memory of places by owner key; the least recently saved are forgotten first. */
export class PanePlaces {
  private readonly places = new Map<string, PanePlace>();

  constructor(private readonly limit = 50) {}

  get(owner: string): PanePlace | undefined {
    return this.places.get(owner);
  }

  save(owner: string, place: PanePlace): void {
    if (place.index < 0 || place.index >= place.stack.length) return;
    // Re-inserted so the Map's order is the order of use.
    this.places.delete(owner);
    this.places.set(owner, place);
    for (const oldest of this.places.keys()) {
      if (this.places.size <= this.limit) break;
      this.places.delete(oldest);
    }
  }

  /** The folder the place was showing. */
  static folderOf(place: PanePlace): string | undefined {
    return place.stack[place.index];
  }
}
