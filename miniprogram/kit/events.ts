/**
 * The one event type every page and component handler takes: `Dataset` is what the tapped
 * node carries in `data-*` attributes, `Detail` what a component's `triggerEvent` (or a
 * TDesign component) sends. `UiEvent<{ id?: string }>` for a tap on a row,
 * `UiEvent<{}, { value: string }>` for an input.
 */
export type UiEvent<
  Dataset extends WechatMiniprogram.IAnyObject = WechatMiniprogram.IAnyObject,
  Detail = WechatMiniprogram.IAnyObject,
> = WechatMiniprogram.CustomEvent<
  Detail extends WechatMiniprogram.IAnyObject ? Detail : { value: Detail },
  WechatMiniprogram.IAnyObject,
  Dataset
>;

/** A TDesign input, textarea, radio or picker change: `detail.value`. */
export type ValueEvent<V = string> = WechatMiniprogram.CustomEvent<
  { value: V },
  WechatMiniprogram.IAnyObject,
  WechatMiniprogram.IAnyObject
>;
