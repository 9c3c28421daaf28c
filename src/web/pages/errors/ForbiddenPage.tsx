import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';

export default function ForbiddenPage() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您的角色没有访问此页面的权限。如需开通，请联系安全管理员（角色与单位由安全管理员分配）。"
      extra={
        <Button type="primary" onClick={() => navigate('/todos')}>
          返回待办事项
        </Button>
      }
    />
  );
}
