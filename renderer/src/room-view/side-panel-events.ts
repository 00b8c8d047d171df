export const sidePanelTabs = ['drafts', 'moments', 'sources', 'publishing'] as const;
export type SidePanelTab = (typeof sidePanelTabs)[number];

const showEvent = 'riposte:show-side-panel';

/** Brings a side panel forward from anywhere in the room (a header badge, a shortcut). */
export function showSidePanel(tab: SidePanelTab): void {
  window.dispatchEvent(new CustomEvent<SidePanelTab>(showEvent, { detail: tab }));
}

export function onShowSidePanel(listener: (tab: SidePanelTab) => void): () => void {
  const handler = (event: Event) => {
    if (event instanceof CustomEvent) listener(event.detail as SidePanelTab);
  };
  window.addEventListener(showEvent, handler);
  return () => window.removeEventListener(showEvent, handler);
}
