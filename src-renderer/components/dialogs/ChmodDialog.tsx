import { useState } from 'react';
import { Modal } from './Modal.js';
import { WHAT, WHO, formatOctal, hasBit, parseOctal, setBit } from '../../logic/permissions.js';

interface ChmodDialogProps {
  names: string[];
  initialMode: number;
  onSubmit: (mode: number) => void;
  onClose: () => void;
}

/** rwx checkboxes and the octal value, each editing the other. */
export function ChmodDialog({ names, initialMode, onSubmit, onClose }: ChmodDialogProps) {
  const [mode, setMode] = useState(initialMode);
  const [octal, setOctal] = useState(formatOctal(initialMode));
  const valid = parseOctal(octal) !== null;

  const update = (next: number): void => {
    setMode(next);
    setOctal(formatOctal(next));
  };

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
              onSubmit(mode);
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
              {WHAT.map((what) => (
                <td key={what}>
                  <input
                    type="checkbox"
                    aria-label={`${who} ${what}`}
                    data-testid={`chmod-${who}-${what}`}
                    checked={hasBit(mode, who, what)}
                    onChange={(e) => update(setBit(mode, who, what, e.target.checked))}
                  />
                </td>
              ))}
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
          maxLength={4}
          onChange={(e) => {
            setOctal(e.target.value);
            const parsed = parseOctal(e.target.value);
            if (parsed !== null) setMode(parsed);
          }}
        />
      </label>
      {!valid && <p className="field-error">Three or four digits from 0 to 7, like 644 or 0755.</p>}
    </Modal>
  );
}
