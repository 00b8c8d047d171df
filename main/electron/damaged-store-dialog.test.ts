import { describe, expect, it } from 'vitest';
import { DamagedStoreError } from '../core/faults/damaged-store';
import { damagedStoreDialog, startFailure, systemLocale } from './damaged-store-dialog';

const backup = {
  fileName: 'riposte-2026-07-14.sqlite',
  path: '/data/backups/riposte-2026-07-14.sqlite',
  bytes: 1,
  at: Date.UTC(2026, 6, 14, 20, 5),
};
const damaged = new DamagedStoreError('/data', 'database disk image is malformed', backup);

describe('the desktop dialog for a damaged store', () => {
  it('follows the system language: French for any fr-*, English otherwise', () => {
    expect(systemLocale('fr')).toBe('fr');
    expect(systemLocale('fr-CA')).toBe('fr');
    expect(systemLocale('en-US')).toBe('en');
    expect(systemLocale('de')).toBe('en');
  });

  it('speaks French, naming the folder, SQLite’s reason and the backup’s date', () => {
    const dialog = damagedStoreDialog(damaged, 'fr');
    expect(dialog.message).toBe('La base de Riposte est endommagée');
    expect(dialog.buttons).toEqual(['Restaurer la dernière sauvegarde saine', 'Quitter']);
    expect(dialog.detail).toContain('/data');
    expect(dialog.detail).toContain('database disk image is malformed');
    expect(dialog.detail).toContain('juillet 2026');
    expect(dialog.detail).not.toMatch(/\{\{|restore it/);
  });

  it('speaks English', () => {
    const dialog = damagedStoreDialog(damaged, 'en');
    expect(dialog.message).toBe('Riposte’s database is damaged');
    expect(dialog.buttons).toEqual(['Restore the latest good backup', 'Quit']);
    expect(dialog.detail).toContain('July 2026');
    expect(dialog.detail).not.toContain('{{');
  });

  it('says in either language when no backup passes its check, and when the data cannot be opened at all', () => {
    const noBackup = new DamagedStoreError('/data', 'file is not a database', null);
    const french = startFailure('/data', noBackup, 'fr');
    expect(french.title).toBe('Riposte ne peut pas démarrer');
    expect(french.detail).toContain('aucune sauvegarde ne passe la vérification');
    expect(startFailure('/data', noBackup, 'en').detail).toContain('no backup passes its check');
    expect(startFailure('/data', new Error('EACCES'), 'fr').detail).toBe(
      'Riposte n’a pas pu ouvrir ses données dans /data : Error: EACCES',
    );
  });
});
