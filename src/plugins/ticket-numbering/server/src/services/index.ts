import numbering from './numbering';

export default { numbering };
