import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { LoginBody } from '../../../shared/contracts/auth';
import { useSession } from '../../access';
import { login } from '../../api/auth';
import { errorMessage } from '../../api/client';
import { homeFor, type LoginState } from '../../navigation';

/** Where to go after signing in: back where the user was sent from, never back to /login. */
function targetOf(state: LoginState | null, role: string | undefined): string {
  const from = state?.from;
  // "/" is where the app sends a signed-out visitor of the root: the user's own home
  if (!from || from.pathname === '/login' || from.pathname === '/') return homeFor(role);
  return `${from.pathname}${from.search ?? ''}`;
}

export default function LoginPage() {
  const { user, signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state as LoginState | null) ?? null;
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<string | null>(state?.reason ?? null);
  const [submitting, setSubmitting] = useState(false);

  if (user) return <Navigate to={targetOf(state, user.role)} replace />;

  const onFinish = async (values: LoginBody) => {
    setSubmitting(true);
    setError(null);
    setReason(null);
    try {
      const me = await login({ username: values.username.trim(), password: values.password });
      signedIn(me);
      navigate(targetOf(state, me.role), { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  // Plain markup around the form: antd Card/Typography would pull Tabs, menus and tooltips into this chunk.
  return (
    <main className="kp-login">
      <section className="kp-login-card" aria-labelledby="kp-login-title">
        <h1 id="kp-login-title">考评</h1>
        <p className="kp-subtitle">湖南省质量工作考核评价平台</p>
        {reason && <Alert type="warning" showIcon message={reason} style={{ marginBottom: 16 }} data-testid="login-reason" />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginBody> layout="vertical" size="large" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="用户名" autoComplete="username" autoFocus maxLength={64} />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              登录
            </Button>
          </Form.Item>
        </Form>
      </section>
    </main>
  );
}
