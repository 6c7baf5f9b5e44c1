import { useState } from 'react';
import { Modal } from './Modal.js';
import {
  NO_CHANGE,
  WHAT,
  WHO,
  changeBit,
  formatOctal,
  hasBit,
  parseOctal,
  sharedMode,
  wholeMode,
  type ModeChange,
} from '../../logic/permissions.js';

interface ChmodDialogProps {
  names: string[];
  /** The current mode of each item. */
  modes: number[];
  /** The bits the user turned on and off; bits not touched stay as each item has them. */
  onSubmit: (change: ModeChange) => void;
  onClose: () => void;
}

/**
 * rwx checkboxes and the octal value, each editing the other. A box where the items differ
 * shows as indeterminate and changes nothing until it is ticked or cleared.
 */
export function ChmodDialog({ names, modes, onSubmit, onClose }: ChmodDialogProps) {
  const [change, setChange] = useState<ModeChange>(NO_CHANGE);
  // What the user typed in the numeric field; null while the boxes lead.
  const [typed, setTyped] = useState<string | null>(null);
  const shown = sharedMode(modes, change);
  const octal = typed ?? (shown.mixed ? '' : formatOctal(shown.on));
  const valid = typed === null || parseOctal(typed) !== null;

  const subject = names.length === 1 ? `“${names[0]}”` : `${names.length} items`;
  return (
    <Modal
      title="Change permissions"
      testId="dialog-chmod"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} aria-label="Cancel">
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!valid}
            aria-label="Apply permissions"
            data-testid="chmod-apply"
            onClick={() => {
              onClose();
              onSubmit(change);
            }}
          >
            Apply
          </button>
        </>
      }
    >
      <p className="muted">Permissions of {subject}</p>
      <table className="chmod-table">
        <thead>
          <tr>
            <th scope="col" />
            {WHAT.map((what) => (
              <th scope="col" key={what}>
                {what[0]?.toUpperCase() + what.slice(1)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WHO.map((who) => (
            <tr key={who}>
              <th scope="row">{who[0]?.toUpperCase() + who.slice(1)}</th>
              {WHAT.map((what) => {
                const mixed = hasBit(shown.mixed, who, what);
                return (
                  <td key={what}>
                    <input
                      type="checkbox"
                      aria-label={`${who} ${what}`}
                      data-testid={`chmod-${who}-${what}`}
                      title={mixed ? 'Differs between the items: left as each has it' : undefined}
                      checked={hasBit(shown.on, who, what)}
                      // React has no prop for it: the DOM property is the only way to show "mixed".
                      ref={(input) => {
                        if (input) input.indeterminate = mixed;
                      }}
                      onChange={(e) => {
                        setChange(changeBit(change, who, what, e.target.checked));
                        setTyped(null);
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <label className="field field-inline">
        <span>Numeric value</span>
        <input
          className="mono"
          aria-label="Numeric value"
          data-testid="chmod-octal"
          value={octal}
          placeholder={shown.mixed ? 'mixed' : undefined}
          maxLength={4}
          onChange={(e) => {
            setTyped(e.target.value);
            const parsed = parseOctal(e.target.value);
            if (parsed !== null) setChange(wholeMode(parsed));
          }}
        />
      </label>
      {!valid && <p className="field-error">Three or four digits from 0 to 7, like 644 or 0755.</p>}
    </Modal>
  );
}
