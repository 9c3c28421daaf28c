import { App as AntApp, Button, Layout, Space, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useSession, useUser } from '../../access';
import ChangePasswordPage from './ChangePasswordPage';

/**
 * What a session with an initial, one-time (reset) or expired password sees instead of the application:
 * only the change-password form and a way to sign out. The server refuses everything else too.
 */
export default function PasswordChangeGate() {
  const user = useUser();
  const { signOut } = useSession();
  return (
    <AntApp component={false}>
      <Layout style={{ minHeight: '100vh' }} data-testid="password-change-gate">
        <Layout.Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0' }}
        >
          <Typography.Text strong style={{ fontSize: 16 }}>
            湖南省质量工作考核评价平台
          </Typography.Text>
          <Space>
            <span>
              {user.displayName}（{user.username}）
            </span>
            <Button icon={<LogoutOutlined />} onClick={() => void signOut()}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ display: 'flex', justifyContent: 'center', padding: 32 }}>
          <div style={{ width: 560 }}>
            <ChangePasswordPage gate />
          </div>
        </Layout.Content>
      </Layout>
    </AntApp>
  );
}
