import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, List, Space, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Todo } from '../../../shared/contracts/todos';
import { useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { completeTodo, listTodos } from '../../api/todos';
import { formatDateTime } from '../../lib/format';

type Status = Todo['status'];

function DueDate({ todo }: { todo: Todo }) {
  if (!todo.dueAt) return null;
  const overdue = todo.status === 'open' && dayjs(todo.dueAt).isBefore(dayjs());
  return (
    <Typography.Text type={overdue ? 'danger' : 'secondary'} data-overdue={overdue || undefined}>
      截止：{formatDateTime(todo.dueAt)}
      {overdue && (
        <Tag color="red" style={{ marginLeft: 8 }}>
          已逾期
        </Tag>
      )}
    </Typography.Text>
  );
}

function TodoList({ status }: { status: Status }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [items, setItems] = useState<Todo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setItems(await listTodos(status));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [status]);

  useEffect(() => {
    void load();
  }, [load]);

  const done = async (todo: Todo) => {
    setBusy(todo.id);
    try {
      await completeTodo(todo.id);
      message.success('已办结');
      await load();
    } catch (err) {
      message.error(errorMessage(err));
      await load();
    } finally {
      setBusy(null);
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty description={status === 'open' ? '暂无待办事项' : '暂无已办事项'} /> }}
      renderItem={(todo) => (
        <List.Item
          actions={
            status === 'open'
              ? [
                  todo.link && (
                    <Button key="go" type="link" onClick={() => navigate(todo.link!)}>
                      去办理
                    </Button>
                  ),
                  <Button key="done" loading={busy === todo.id} onClick={() => done(todo)}>
                    办结
                  </Button>,
                ].filter(Boolean)
              : [<Typography.Text key="at" type="secondary">办结于 {formatDateTime(todo.doneAt)}</Typography.Text>]
          }
        >
          <List.Item.Meta
            title={todo.title}
            description={
              <Space direction="vertical" size={2}>
                {todo.detail && <span>{todo.detail}</span>}
                <Space size="middle" wrap>
                  <Typography.Text type="secondary">创建：{formatDateTime(todo.createdAt)}</Typography.Text>
                  <DueDate todo={todo} />
                </Space>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

export default function TodosPage() {
  const user = useUser();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          message="您正在使用初始密码或已被重置的密码，请尽快修改密码。"
          action={<Link to="/account/password">立即修改</Link>}
        />
      )}
      <Card title="待办事项">
        <Tabs
          destroyOnHidden
          items={[
            { key: 'open', label: '待办', children: <TodoList status="open" /> },
            { key: 'done', label: '已办', children: <TodoList status="done" /> },
          ]}
        />
      </Card>
    </Space>
  );
}
