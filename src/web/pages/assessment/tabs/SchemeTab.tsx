/** 考核方案 tab of a cycle: versions, the draft editor with its live checks, the comparison with the declarations, publication and Annex 4 downloads. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, App, Empty, Spin, Tabs } from 'antd';
import type { CycleDetail } from '../../../../shared/contracts/cycles';
import { removedScoresLine, type SchemeDetail, type SchemeSummary } from '../../../../shared/contracts/schemes';
import { errorMessage } from '../../../api/client';
import { getScheme, listSchemes } from '../../../api/schemes';
import CompareTable from '../scheme/CompareTable';
import SchemeEditor, { type SaveUnsaved } from '../scheme/SchemeEditor';
import VersionBar from '../scheme/VersionBar';

export default function SchemeTab({ cycle, reload }: { cycle: CycleDetail; reload: () => void }) {
  const { message, modal } = App.useApp();
  const [versions, setVersions] = useState<SchemeSummary[] | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [scheme, setScheme] = useState<SchemeDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  // the editor's edits not saved yet, saved by 申报对照's 写入草稿 before it writes into the draft
  const saveUnsaved: SaveUnsaved = useRef(null);

  const loadVersions = useCallback(
    async (select?: number) => {
      try {
        const items = await listSchemes(cycle.id);
        setVersions(items);
        setSelectedId((cur) => select ?? (cur && items.some((v) => v.id === cur) ? cur : (items[0]?.id ?? null)));
      } catch (e) {
        setError(errorMessage(e));
      }
    },
    [cycle.id],
  );
  useEffect(() => {
    void loadVersions();
  }, [loadVersions]);
  useEffect(() => {
    if (selectedId === null) return setScheme(null);
    getScheme(selectedId).then(setScheme, (e) => setError(errorMessage(e)));
  }, [selectedId]);

  if (error) return <Alert type="error" showIcon message={error} />;
  if (!versions) return <Spin />;
  if (!versions.length || selectedId === null) return <Empty description="考核方案尚未发布" />;
  const selected = versions.find((v) => v.id === selectedId)!;
  const draft = versions.find((v) => v.status === 'draft') ?? null;
  const isOffice = cycle.abilities.as === 'office' && cycle.abilities.manageScheme;

  const editor = scheme ? (
    <SchemeEditor
      // one editor per version: choosing another version leaves this one (its unsaved edits saved on the way out)
      key={scheme.id}
      scheme={scheme}
      cycleStatus={cycle.status}
      firstPublication={!versions.some((v) => v.status !== 'draft')}
      saveUnsaved={saveUnsaved}
      onSaved={(s) => {
        setScheme(s);
        void loadVersions(s.id);
      }}
      onPublished={(r) => {
        const lines = [`第${r.scheme.versionNo}版已发布。`];
        if (r.submissionsOpened.length) lines.push(`已向${r.submissionsOpened.length}个评价部门发送评分待办。`);
        if (r.removedScores.length) lines.push(removedScoresLine(r.removedScores));
        modal.success({ title: '方案已发布', content: lines.map((l, i) => <div key={i}>{l}</div>) });
        setScheme(r.scheme);
        void loadVersions(r.scheme.id);
        reload();
      }}
    />
  ) : (
    <Spin />
  );

  return (
    <div>
      <VersionBar
        cycleId={cycle.id}
        versions={versions}
        selected={selected}
        canManage={cycle.abilities.manageScheme}
        onSelect={setSelectedId}
        onCreated={(id) => void loadVersions(id)}
      />
      {isOffice ? (
        <Tabs
          style={{ marginTop: 12 }}
          items={[
            { key: 'scheme', label: '方案内容', children: editor },
            {
              key: 'compare',
              label: '申报对照',
              children: (
                <CompareTable
                  cycleId={cycle.id}
                  draftId={draft?.id ?? null}
                  draftVersion={draft?.id === scheme?.id ? (scheme?.version ?? null) : (draft?.version ?? null)}
                  editable={!!draft}
                  saveUnsaved={saveUnsaved}
                  onApplied={(r) => {
                    message.info('草稿已更新，请在「方案内容」中核定最终分值');
                    setSelectedId(r.scheme.id);
                    setScheme(r.scheme);
                    void loadVersions(r.scheme.id);
                  }}
                />
              ),
            },
          ]}
        />
      ) : (
        <div style={{ marginTop: 12 }}>{editor}</div>
      )}
    </div>
  );
}
