import { shellNotifiesMoments } from '../api';

/**
 * The alert's outputs beyond the banner: a desktop notification (in a browser tab, the
 * Notification API, asked once from a click; the desktop app's main process shows its
 * own) and an optional beep made with WebAudio, so no sound file ships.
 */
const soundKey = 'riposte.moments.sound';

export const soundEnabled = (): boolean => localStorage.getItem(soundKey) === 'on';
export const setSoundEnabled = (on: boolean): void => localStorage.setItem(soundKey, on ? 'on' : 'off');

export function canNotify(): boolean {
  return !shellNotifiesMoments && typeof Notification !== 'undefined' && Notification.permission === 'granted';
}

export function notificationsAskable(): boolean {
  return !shellNotifiesMoments && typeof Notification !== 'undefined' && Notification.permission === 'default';
}

/** Must run from a user gesture (a click). */
export async function askNotificationPermission(): Promise<boolean> {
  if (typeof Notification === 'undefined') return false;
  return (await Notification.requestPermission()) === 'granted';
}

export function notify(title: string, body: string): void {
  if (!canNotify()) return;
  try {
    new Notification(title, { body, tag: 'riposte-moment' });
  } catch {
    // Some shells refuse page notifications; the banner is still there.
  }
}

export function beep(): void {
  const AudioContextClass = window.AudioContext;
  if (!AudioContextClass) return;
  const context = new AudioContextClass();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, context.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, context.currentTime + 0.25);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start();
  oscillator.stop(context.currentTime + 0.25);
  oscillator.onended = () => void context.close();
}
