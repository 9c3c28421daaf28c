/**
 * The caret in a dialog's first field once the dialog has opened, so a person types into it without clicking it first.
 * antd's Modal renders its content hidden (display: none) on the first render and shows it in an effect, then zooms in
 * for 0.3 s; a field's `autoFocus` fires on the hidden element and does nothing, and the dialog then puts the caret on
 * itself (the Drawer on its panel).
 *
 * `const caret = useCaretOnOpen()`, `<Input.TextArea ref={caret.ref} … />` and
 * `<Modal afterOpenChange={caret.afterOpenChange} …>` (or a Drawer): antd calls it once the dialog has opened, after its
 * animation and its own focusing, also for a dialog mounted open; the field then takes the caret. An Input, a TextArea
 * or an InputNumber puts it at the end of its text; a Select opens its list on ↓ (or on typing, where it searches); a
 * DatePicker or a RangePicker (its start) takes a typed date, its calendar shut until a key or a click.
 * A Radio.Group takes `caret.groupRef` (its ref is its <div>): its checked option takes the caret (else its first), so
 * ←/→ choose and Tab goes on. A field shown only once something has loaded takes the caret when it shows, if the
 * dialog opened before it (once: never taken back from where the person has since moved it).
 */
import { useCallback, useRef } from 'react';

/**
 * what antd's Input, Input.TextArea, InputNumber, Select, DatePicker and RangePicker hand to a ref: the boxes read
 * `cursor`; the others pass the options on to their input's focus(), where `cursor` means nothing
 */
interface Box {
  focus(options?: FocusOptions & { cursor?: 'start' | 'end' | 'all' }): void;
}
/** the hook's `ref`, for a component that hands it down to its box */
export type CaretRef = (box: Box | null) => void;

export function useCaretOnOpen() {
  const box = useRef<Box | null>(null);
  /** the dialog opened before its field was there: the field takes the caret when it comes */
  const waiting = useRef(false);
  const ref: CaretRef = useCallback((b) => {
    box.current = b;
    if (b && waiting.current) {
      waiting.current = false;
      b.focus({ cursor: 'end' });
    }
  }, []);
  const groupRef = useCallback(
    (group: HTMLDivElement | null) => ref(group && { focus: () => (group.querySelector<HTMLInputElement>('input:checked') ?? group.querySelector<HTMLInputElement>('input'))?.focus() }),
    [ref],
  );
  const afterOpenChange = useCallback((open: boolean) => {
    waiting.current = open && !box.current;
    if (open) box.current?.focus({ cursor: 'end' });
  }, []);
  return { ref, groupRef, afterOpenChange };
}
