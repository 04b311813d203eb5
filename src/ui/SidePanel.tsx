/** The right-hand panel: the lesson (when the lessons module is present), the inspector and faults. */
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FaultsPanel } from './controls/FaultsPanel';
import { Inspector } from './inspector/Inspector';
import { type SideTab, useUi } from './ui-store';

// The lesson panel lives in src/ui/lessons (its own module); the glob is empty until it exists.
const lessonModules = import.meta.glob<{ LessonPanel?: ComponentType; default?: ComponentType }>(
  './lessons/LessonPanel.tsx',
);
const lessonLoader = Object.values(lessonModules)[0];
const LessonPanel = lessonLoader
  ? lazy(async () => {
      const m = await lessonLoader();
      return { default: (m.LessonPanel ?? m.default)! };
    })
  : undefined;

export function SidePanel() {
  const { t } = useTranslation();
  const tab = useUi((s) => s.sideTab);
  // The lesson module (course data, Markdown) loads when its tab is first opened or a lesson link is
  // followed, so the first screen does not wait for it; once loaded it stays mounted.
  const [lessonWanted, setLessonWanted] = useState(() => window.location.hash.startsWith('#/lesson'));
  useEffect(() => {
    if (tab === 'lesson') setLessonWanted(true);
  }, [tab]);
  const tabs: SideTab[] = LessonPanel ? ['lesson', 'inspector', 'faults'] : ['inspector', 'faults'];
  return (
    <aside className="side-panel" aria-label={t('side.label')}>
      <div role="tablist" aria-label={t('side.label')} className="tabs side-tabs">
        {tabs.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`side-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`side-panel-${k}`}
            className={tab === k ? 'tab active' : 'tab'}
            onClick={() => useUi.setState({ sideTab: k })}
          >
            {t(`side.${k}`)}
          </button>
        ))}
      </div>
      {LessonPanel && (
        <div
          role="tabpanel"
          id="side-panel-lesson"
          aria-labelledby="side-tab-lesson"
          hidden={tab !== 'lesson'}
          className="side-body"
        >
          {lessonWanted && (
            <Suspense fallback={null}>
              <LessonPanel />
            </Suspense>
          )}
        </div>
      )}
      <div
        role="tabpanel"
        id="side-panel-inspector"
        aria-labelledby="side-tab-inspector"
        hidden={tab !== 'inspector'}
        className="side-body"
      >
        <Inspector />
      </div>
      <div
        role="tabpanel"
        id="side-panel-faults"
        aria-labelledby="side-tab-faults"
        hidden={tab !== 'faults'}
        className="side-body"
      >
        <FaultsPanel />
      </div>
    </aside>
  );
}
