export { NewsroomLayout, type NewsroomLayoutProps, type NewsroomNavItem } from './newsroom-layout.js';
export {
  Button,
  CheckboxField,
  CsrfField,
  emptyForm,
  ErrorSummary,
  formValues,
  SelectField,
  TextAreaField,
  TextField,
  type FormState,
} from './form-fields.js';
export { libraryImageOptions, RECENT_LIBRARY_IMAGES } from './library-images.js';
export { doneNotice, newsroomPageContext, sendNewsroomPage, type NewsroomPageContext } from './page-context.js';
export { sendNewsroomError, safeNextPath } from './error-reply.js';
export { buildNewsroomStylesheet, type NewsroomStylesheet } from './newsroom-stylesheet.js';
