import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { passwordProblems } from '../../../shared/contracts/auth';
import { useSession } from '../../access';
import { changePassword } from '../../api/auth';
import { formErrorMessage } from '../../lib/forms';
import PageHeader from '../../components/PageHeader';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['oldPassword', 'newPassword', 'confirm'] as const;

/** The page (with the page header), or in the password-change gate (`gate`, outside the layout) the card alone. */
export default function ChangePasswordPage({ gate = false }: { gate?: boolean }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const { user, refresh } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await changePassword(v.oldPassword, v.newPassword);
      message.success('密码已修改');
      form.resetFields();
      await refresh();
      navigate('/todos');
    } catch (err) {
      setError(formErrorMessage(form, err, FIELDS));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {!gate && <PageHeader />}
      <Card title={gate ? '修改密码' : undefined} style={{ maxWidth: 560 }}>
        {user?.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="password-notice"
            message={user.passwordNotice ?? '您正在使用初始密码或一次性密码，请先修改密码。'}
            description="修改密码之前，不能使用平台的其他功能。"
          />
        )}
        <Typography.Paragraph type="secondary">
          密码长度至少8位，须包含大写字母、小写字母、数字、特殊符号中的至少三类，不能包含用户名、不能是常见密码，也不能与最近5次使用过的密码相同。修改后，您在其他设备上的登录将失效。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} autoComplete="off">
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            dependencies={['oldPassword']}
            validateTrigger={['onChange', 'onBlur']}
            rules={[
              { required: true, message: '请输入新密码' },
              {
                validator: (_, value: string | undefined) => {
                  const problem = value ? passwordProblems(value, user?.username) : null;
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  value && value === getFieldValue('oldPassword') ? Promise.reject(new Error('新密码不能与原密码相同')) : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submitting}>
            确认修改
          </Button>
        </Form>
      </Card>
    </>
  );
}
