/** Two people saved the same score: show the other person's value and let the user take it or overwrite it. */
import { Descriptions, Modal, Typography } from 'antd';
import type { CriterionDef, ScoreCell } from '../../../../shared/contracts/scoring';
import { formatDateTime } from '../../../lib/format';
import { answerText } from './engine';

interface Props {
  open: boolean;
  message: string;
  criterion: CriterionDef;
  mine: unknown;
  theirs: ScoreCell | null;
  onTakeTheirs: () => void;
  onOverwrite: () => void;
  onCancel: () => void;
}

export default function ConflictModal({ open, message, criterion, mine, theirs, onTakeTheirs, onOverwrite, onCancel }: Props) {
  return (
    <Modal
      open={open}
      title="评分冲突"
      onCancel={onCancel}
      okText="采用对方的评分"
      cancelText="用我的评分覆盖"
      onOk={onTakeTheirs}
      cancelButtonProps={{ onClick: onOverwrite, danger: true }}
      destroyOnHidden
    >
      <Typography.Paragraph>{message}</Typography.Paragraph>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label="对方的评分">
          {theirs ? `${answerText(theirs.answer, criterion)}${theirs.score !== null ? `（得${theirs.score}分）` : ''}` : '已被清除'}
        </Descriptions.Item>
        {theirs && <Descriptions.Item label="对方的说明">{theirs.comment || '—'}</Descriptions.Item>}
        {theirs && <Descriptions.Item label="修改人">{`${theirs.updatedBy?.name ?? '—'}，${formatDateTime(theirs.updatedAt)}`}</Descriptions.Item>}
        <Descriptions.Item label="我的评分">{mine === undefined ? '—' : answerText(mine, criterion)}</Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
