/**
 * An issued 工作要点 as the text of a 公文 annex (seed 000's 附件3, 湖南省质量强省 2023 年工作要点): the plan's
 * title in 2号 小标宋, each part a 一、 heading, each task a numbered paragraph in the plan's own words, ending with
 * its units in brackets ("（省质强办牵头，各市州、成员单位配合）"). The 征集通知 (./notice.ts) attaches it; the
 * 工作要点落实情况通报 (./workplan-notice.ts) reports on the plan's progress and does not restate it.
 */
import type { Paragraph, Table } from 'docx';
import { annexBlocks, annexLabel, bodyPara, LINE, titleLines, titleParas, type Block } from '../document-kit/gongwen';

/** an issued plan's words: the module's issuedPlanText() */
export interface WorkPointsText {
  title: string;
  tasks: { number: number; part: string; partTitle: string; title: string; text: string; unitsText: string }[];
}

/** "湖南省质量强省 2023 年工作要点" → "湖南省质量强省2023年工作要点": no space where figures meet Chinese (text cut from a PDF) */
export const tidyTitle = (title: string) => title.trim().replace(/\s*(\d+)\s*/g, '$1');

/**
 * A task's paragraph: "1. 强化协调推进。加强……（省质强办牵头，……配合）". The imported plans' texts start with the task's
 * title and end with its units; a task written on the platform may have neither in its text, so they are added.
 */
export function taskParagraph(t: WorkPointsText['tasks'][number]): string {
  const text = t.text.trim();
  const head = text.startsWith(t.title) ? '' : `${t.title.replace(/[。.]$/, '')}。`;
  const units = t.unitsText && !text.includes(`（${t.unitsText}）`) ? `（${t.unitsText}）` : '';
  return `${t.number}. ${head}${text}${units}`;
}

export function workPointsBlocks(plan: WorkPointsText): Block[] {
  const blocks: Block[] = [];
  let part: string | null = null;
  for (const t of plan.tasks) {
    if (t.part && t.part !== part) blocks.push({ kind: 'h1', text: `${t.part}、${t.partTitle}` });
    part = t.part;
    blocks.push({ kind: 'p', text: taskParagraph(t) });
  }
  return blocks;
}

/** The plan as an annex of another 公文 (a portrait page): "附件N", the title in balanced lines, then the parts and tasks. */
export function workPointsChildren(plan: WorkPointsText, annexNumber: number): (Paragraph | Table)[] {
  // half a line above the title, as the forms' titles; a line under it before the text (公文: 标题下空一行)
  return [annexLabel(annexNumber), ...titleParas(titleLines(tidyTitle(plan.title)), LINE / 2), bodyPara('', { indent: false }), ...annexBlocks(workPointsBlocks(plan))];
}
