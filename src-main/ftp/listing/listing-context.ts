/** What one `parseListing` call knows beyond the row in hand. */
export interface ListingContext {
  /** Epoch ms used to place "Mon DD HH:MM" dates in a year. */
  now: number;
  /** UTC year of `now`, computed once per listing. */
  nowYear: number;
  /** Set by a PDS member header ("Name VV.MM …" or "Name Size TTR …") on z/OS; bare names follow. */
  mvsMembers: 'none' | 'text' | 'load';
  /**
   * Owner and group of the previous row: rows of one listing mostly share them, so the parsers reuse
   * these strings instead of slicing new ones. Kept per call, so nothing outlives the listing.
   */
  lastOwner: string;
  lastGroup: string;
}
