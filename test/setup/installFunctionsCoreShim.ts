// @azure/functions caches whether the runtime exists on its first app.* call; install the stand-in before any
// test module can make that call, or the whole worker would stay in "test mode" and drop registrations.
import { installFunctionsCoreShim } from '../../devhost/functionsCoreShim';

installFunctionsCoreShim();
