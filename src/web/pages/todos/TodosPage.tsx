/**
 * 待办: what the state of the work calls for (src/shared/workflow/todos.ts), each with its deadline and a link
 * to the page where the step is done. A to-do closes itself when the step is done; only notices can be marked read.
 */
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Empty, List, Space, Tabs, Typography } from 'antd';
import type { Todo } from '../../../shared/contracts/todos';
import { useUser } from '../../access';
import { errorMessage } from '../../api/client';
import { completeTodo, listTodos } from '../../api/todos';
import Deadline from '../../components/Deadline';
import PageHeader from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { refreshTodoBadges } from './todoCounts';

type Status = Todo['status'];

function TodoList({ status }: { status: Status }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Todo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

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

  const markRead = async (todo: Todo) => {
    if (todo.id === null) return;
    setBusy(todo.key);
    try {
      await completeTodo(todo.id);
      message.success('已标为已读');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
      await load();
      refreshTodoBadges();
    }
  };

  if (error) return <Alert type="error" showIcon message={error} />;
  return (
    <List
      loading={loading}
      dataSource={items}
      rowKey="key"
      locale={{ emptyText: <Empty description={status === 'open' ? '暂无待办' : '暂无已办事项'} /> }}
      renderItem={(todo) => (
        <List.Item
          data-testid="todo-item"
          data-kind={todo.kind}
          actions={
            status === 'open'
              ? [
                  todo.link && (
                    // a link, not a button: it opens in a new tab (middle click, 在新标签页中打开) like any other address
                    <Link key="go" to={todo.link}>
                      去办理
                    </Link>
                  ),
                  todo.dismissable && (
                    <Button key="read" size="small" loading={busy === todo.key} onClick={() => void markRead(todo)}>
                      知道了
                    </Button>
                  ),
                ].filter(Boolean)
              : [<Typography.Text key="at" type="secondary">办结于{formatDateTime(todo.doneAt)}</Typography.Text>]
          }
        >
          <List.Item.Meta
            title={todo.title}
            description={
              <Space direction="vertical" size={2}>
                {todo.detail && <span>{todo.detail}</span>}
                <Space size="middle" wrap>
                  {todo.dueAt && <Deadline due={todo.dueAt} label="截止" done={status === 'done'} />}
                  {todo.createdAt && <Typography.Text type="secondary">创建：{formatDateTime(todo.createdAt)}</Typography.Text>}
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
    <>
      <PageHeader />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {user.mustChangePassword && (
          <Alert
            type="warning"
            showIcon
            message="您正在使用初始密码或一次性密码，请尽快修改密码。"
            action={<Link to="/account/password">立即修改</Link>}
          />
        )}
        <Card>
          <Tabs
            destroyOnHidden
            items={[
              { key: 'open', label: '待办', children: <TodoList status="open" /> },
              { key: 'done', label: '已办', children: <TodoList status="done" /> },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
