/** 提交评分: confirm (submitting locks the scores); lists what is still missing instead when something is. */
import { App, Button, Typography } from 'antd';
import { errorMessage, isApiError } from '../../../api/client';
import { submitScores } from '../../../api/scoring';

export default function SubmitButton({ cycleId, missing, onSubmitted }: { cycleId: number; missing: string[]; onSubmitted: () => void }) {
  const { modal, message } = App.useApp();
  const click = () => {
    if (missing.length) {
      modal.warning({
        title: `还有${missing.length}项未评分，不能提交`,
        width: 520,
        content: (
          <div style={{ maxHeight: 320, overflow: 'auto' }}>
            {missing.map((m) => (
              <div key={m}>{m}</div>
            ))}
          </div>
        ),
      });
      return;
    }
    modal.confirm({
      title: '提交本部门评分？',
      content: <Typography.Text>提交后评分将锁定，不能再修改；如需修改须由质强办重新开放。</Typography.Text>,
      okText: '提交',
      cancelText: '取消',
      onOk: async () => {
        try {
          await submitScores(cycleId);
          message.success('评分已提交');
          onSubmitted();
        } catch (e) {
          if (isApiError(e) && e.fields.length) modal.error({ title: e.message.split('：')[0], content: e.fields.map((f) => f.message).join('；') });
          else message.error(errorMessage(e));
        }
      },
    });
  };
  return (
    <Button type="primary" onClick={click}>
      提交评分
    </Button>
  );
}
