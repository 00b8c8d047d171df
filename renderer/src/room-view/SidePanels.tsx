import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPlainKey } from '../toolkit/keyboard';
import { onOpenDraftRequest } from '../drafts/respond';
import { DraftsPanel, MomentsPanel, SidePanelLoading, PublishingPanel, SourcesPanel } from './lazy-panels';
import { onShowSidePanel, sidePanelTabs, type SidePanelTab } from './side-panel-events';
import { requestManualNote } from '../moments/manual-note-request';
import { loadSidePanelsNow } from '../toolkit/timeline-ready';

const tabs = sidePanelTabs;
type Tab = SidePanelTab;

const storageKey = (roomId: string) => `riposte.sidePanel.${roomId}`;

function savedTab(roomId: string, initialPanel: Tab | undefined): Tab {
  // Opened on a draft or a moment found from the rooms page: that panel first.
  const saved = initialPanel ?? localStorage.getItem(storageKey(roomId));
  return tabs.find((tab) => tab === saved) ?? 'drafts';
}

/**
 * Drafts, moments, sources and publishing share one side column, one at a time, so the timeline
 * columns keep the width. All three stay mounted: their shortcuts and live updates keep
 * working, and a "respond" or an `m` brings the right one forward.
 */
export function SidePanels({ roomId, initialPanel }: { roomId: string; initialPanel?: Tab | undefined }) {
  const { t } = useTranslation('rooms');
  const [tab, setTab] = useState<Tab>(() => savedTab(roomId, initialPanel));

  const show = (next: Tab) => {
    // Someone asked for a panel: its code loads now, whatever the timeline is doing.
    loadSidePanelsNow();
    setTab(next);
    localStorage.setItem(storageKey(roomId), next);
  };

  useEffect(() => onOpenDraftRequest(roomId, () => show('drafts')));
  useEffect(() => onShowSidePanel(show));
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPlainKey(event, 'm')) return;
      event.preventDefault();
      show('moments');
      requestManualNote();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="side-panels">
      <div role="tablist" aria-label={t('side.label')} className="side-tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`side-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`side-panel-${name}`}
            onClick={() => show(name)}
          >
            {t(`side.${name}`)}
          </button>
        ))}
      </div>
      <div id="side-panel-drafts" role="tabpanel" aria-labelledby="side-tab-drafts" hidden={tab !== 'drafts'}>
        <SidePanelLoading>
          <DraftsPanel roomId={roomId} />
        </SidePanelLoading>
      </div>
      <div id="side-panel-moments" role="tabpanel" aria-labelledby="side-tab-moments" hidden={tab !== 'moments'}>
        <SidePanelLoading>
          <MomentsPanel roomId={roomId} />
        </SidePanelLoading>
      </div>
      <div id="side-panel-sources" role="tabpanel" aria-labelledby="side-tab-sources" hidden={tab !== 'sources'}>
        <SidePanelLoading>
          <SourcesPanel roomId={roomId} />
        </SidePanelLoading>
      </div>
      <div
        id="side-panel-publishing"
        role="tabpanel"
        aria-labelledby="side-tab-publishing"
        hidden={tab !== 'publishing'}
      >
        <SidePanelLoading>
          <PublishingPanel roomId={roomId} />
        </SidePanelLoading>
      </div>
    </div>
  );
}
